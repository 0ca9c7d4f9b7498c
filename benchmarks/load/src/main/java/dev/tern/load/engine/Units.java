package dev.tern.load.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations, sizes and rates the command line takes. */
public final class Units {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kmg])?b?");
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/s)?");
  private static final long MAX_SIZE = 1L << 40;

  private Units() {}

  /** "250ms", "30s", "5m", "1h"; a bare number is seconds. Must be positive. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 30s, 5m, 1h)");
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = switch (unit) {
      case "ms" -> value;
      case "s" -> value * 1_000;
      case "m" -> value * 60_000;
      default -> value * 3_600_000;
    };
    if (millis < 1 || millis > 366d * 24 * 3_600_000) {
      throw new IllegalArgumentException("'" + text + "' is out of range: between 1ms and a year");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** "4096", "4k", "1.5m", "1g" (binary units: k = 1024); must be positive. */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (examples: 4096, 4k, 1m)");
    }
    double value = Double.parseDouble(m.group(1));
    long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      default -> 1L << 30;
    };
    double bytes = value * unit;
    if (bytes < 1 || bytes > MAX_SIZE) {
      throw new IllegalArgumentException("'" + text + "' is out of range: between 1 byte and 1 TiB");
    }
    return Math.round(bytes);
  }

  /** "200" or "200/s": operations per second, positive. */
  public static double parseRate(String text) {
    Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
    double rate = m.matches() ? Double.parseDouble(m.group(1)) : 0;
    if (!(rate > 0) || rate > 10_000_000) {
      throw new IllegalArgumentException("'" + text + "' is not a rate: a positive number of operations per second"
          + " (examples: 200, 12.5/s)");
    }
    return rate;
  }

  /** A short human form: "850ms", "12.5s", "3m05s", "1h02m". */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
