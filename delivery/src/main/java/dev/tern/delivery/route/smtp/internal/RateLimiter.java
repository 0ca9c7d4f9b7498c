package dev.tern.delivery.route.smtp.internal;

/**
 * A token bucket: {@code perSecond} permits per second with a burst of at most max(1, perSecond). Refilled
 * lazily from the monotonic clock; not thread-safe (one per pool, used on the pool's context).
 */
public final class RateLimiter {

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  /** {@code perSecond <= 0} means unlimited. */
  public RateLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1.0, perSecond);
    this.tokens = capacity;
    this.lastNanos = System.nanoTime();
  }

  public boolean unlimited() {
    return perSecond <= 0;
  }

  public boolean tryTake() {
    if (unlimited()) {
      return true;
    }
    refill();
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }

  /** Milliseconds until a permit is available (at least 1). */
  public long millisUntilNext() {
    refill();
    double missing = Math.max(0.0, 1.0 - tokens);
    return Math.max(1L, (long) Math.ceil(missing / perSecond * 1000.0));
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * perSecond);
    lastNanos = now;
  }
}
