package dev.tern.ops.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human units of the config file: durations ("500ms", "30s", "5m", "2h", "1d") and sizes ("25MiB"). */
public final class Units {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

  private Units() {}

  /** A duration, or empty when the text is not one. */
  public static Optional<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
    try {
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
    } catch (ArithmeticException overflow) {
      return Optional.empty();
    }
  }

  /**
   * A size in bytes, or empty when the text is not one. Units are binary whatever their spelling
   * ("25MB" is 25 MiB): mail sizes are compared against byte counts, and two meanings of "MB" in one
   * config file would only surprise.
   */
  public static Optional<Long> parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor = switch (unit.charAt(0)) {
      case 'k' -> 1024L;
      case 'm' -> 1024L * 1024;
      case 'g' -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    try {
      return Optional.of(Math.multiplyExact(Long.parseLong(m.group(1)), factor));
    } catch (ArithmeticException | NumberFormatException overflow) {
      return Optional.empty();
    }
  }

  /** The shortest way to write a duration in config syntax, for docs and logs. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms != 0) return ms / 86_400_000 + "d";
    if (ms % 3_600_000 == 0 && ms != 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms != 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}
