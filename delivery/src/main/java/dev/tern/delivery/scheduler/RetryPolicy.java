package dev.tern.delivery.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * When to try a deferred recipient again: {@code firstRetry * factor^(attempts-1)}, capped at {@code maxDelay}, then
 * shortened by a random part of up to {@code jitter} of itself so that recipients deferred together spread out. The
 * arithmetic is in double milliseconds: truncating the factor to whole durations first would make the first steps
 * all equal. A recipient still not delivered {@code maxLifetime} after its message arrived fails.
 *
 * @param firstRetry  delay after the first failed attempt
 * @param factor      growth per further attempt, at least 1
 * @param maxDelay    the cap of one delay
 * @param jitter      fraction in [0, 1) by which a delay may be shortened at random
 * @param maxLifetime how long a message may stay queued
 */
public record RetryPolicy(Duration firstRetry, double factor, Duration maxDelay, double jitter, Duration maxLifetime) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(1), 2.0, Duration.ofHours(1), 0.1,
      Duration.ofDays(5));

  public RetryPolicy {
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    if (firstRetry.toMillis() < 1 || maxDelay.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("firstRetry must be at least 1 ms and maxDelay at least firstRetry");
    }
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number of at least 1, not " + factor);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), not " + jitter);
    }
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException("maxLifetime must be positive");
    }
  }

  /**
   * The delay in ms after the {@code attempts}-th failed attempt (1 for the first).
   *
   * @param random a uniform value in [0, 1) choosing the jitter
   */
  public long delayMillis(int attempts, double random) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts start at 1");
    }
    double cap = maxDelay.toMillis();
    // factor^(n-1) overflows to infinity long before n does; min() keeps the cap either way.
    double delay = Math.min(cap, firstRetry.toMillis() * Math.pow(factor, attempts - 1.0));
    delay *= 1.0 - jitter * random;
    return Math.max(1L, Math.round(delay));
  }

  /** Whether a message that arrived at {@code arrivedAtMillis} has been queued too long at {@code nowMillis}. */
  public boolean expired(long arrivedAtMillis, long nowMillis) {
    return nowMillis - arrivedAtMillis >= maxLifetime.toMillis();
  }
}
