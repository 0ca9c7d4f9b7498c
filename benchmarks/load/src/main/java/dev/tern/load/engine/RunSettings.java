package dev.tern.load.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run does.
 *
 * @param sessions          concurrent sessions (slots), at least 1
 * @param operations        operations to issue; 0 = no count limit (then {@code duration} bounds the run)
 * @param duration          how long to keep issuing operations; null = until {@code operations} are issued
 * @param ratePerSecond     0 = closed loop (each session runs operations back to back); above 0 = open loop, one
 *                          operation due every 1/rate seconds whatever the server's speed
 * @param operationTimeout  how long one operation (or one session set-up) may take before it counts as a
 *                          connection error; also bounds the wait for operations in flight when issuing stops
 * @param progressInterval  how often the progress line is refreshed
 */
public record RunSettings(int sessions, long operations, Duration duration, double ratePerSecond,
                          Duration operationTimeout, Duration progressInterval) {

  public RunSettings {
    Objects.requireNonNull(operationTimeout, "operationTimeout");
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (sessions < 1) {
      throw new IllegalArgumentException("sessions must be at least 1, not " + sessions);
    }
    if (operations < 0) {
      throw new IllegalArgumentException("the operation count must not be negative, not " + operations);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("the duration must be positive, not " + Units.format(duration));
    }
    if (operations == 0 && duration == null) {
      throw new IllegalArgumentException("a run needs an operation count, a duration, or both");
    }
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("the rate must be a positive number of operations per second, not "
          + ratePerSecond);
    }
    if (operationTimeout.isNegative() || operationTimeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, not " + Units.format(operationTimeout));
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException("the progress interval must be positive");
    }
  }

  /** Closed loop, bounded by a count: the usual test and benchmark set-up. */
  public static RunSettings closedLoop(int sessions, long operations, Duration operationTimeout) {
    return new RunSettings(sessions, operations, null, 0, operationTimeout, Duration.ofSeconds(5));
  }

  public boolean openLoop() {
    return ratePerSecond > 0;
  }

  /** Nanoseconds between two scheduled operations of an open-loop run. */
  double intervalNanos() {
    return 1e9 / ratePerSecond;
  }
}
