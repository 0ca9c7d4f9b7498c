package dev.tern.load.engine;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;

/** The options every `tern load` protocol shares (a picocli mixin): where, how many sessions, how fast, how long. */
public final class LoadOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--target", required = true, paramLabel = "HOST:PORT", converter = TargetConverter.class,
      description = "Server to load, e.g. 127.0.0.1:2525 or [::1]:2525.")
  Target target;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "10",
      description = "Concurrent sessions (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--rate", paramLabel = "R", converter = RateConverter.class,
      description = "Open loop: start R operations per second (e.g. 200 or 200/s) whatever the server's speed;"
          + " latency is measured from each operation's scheduled start. Without it: closed loop, each session"
          + " runs operations back to back.")
  Double rate;

  @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Stop issuing operations after this long (500ms, 60s, 5m, 1h).")
  Duration duration;

  @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
      description = "Longest wait for one server reply, and for one operation (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path report;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  public Target target() {
    return target;
  }

  public Duration timeout() {
    return timeout;
  }

  public Path report() {
    return report;
  }

  public boolean quiet() {
    return quiet;
  }

  /**
   * The run's settings.
   *
   * @param operations        the count the user gave (--messages...), or null
   * @param defaultOperations the count when none was given and no --duration either
   */
  public RunSettings settings(Long operations, long defaultOperations) {
    long count = operations != null ? operations : duration != null ? 0 : defaultOperations;
    Duration progress = ProgressPrinter.stderrIsTerminal() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    try {
      return new RunSettings(sessions, count, duration, rate == null ? 0 : rate, timeout, progress);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage(), e);
    }
  }

  /** picocli: --target. */
  static final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      try {
        return Target.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** picocli: --duration, --timeout. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Units.parseDuration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** picocli: --rate. */
  static final class RateConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        return Units.parseRate(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
