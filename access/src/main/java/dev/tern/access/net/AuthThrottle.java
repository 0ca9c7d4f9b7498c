package dev.tern.access.net;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Failed AUTH attempts per client IP within a sliding window; past the limit the IP is refused. */
public final class AuthThrottle {

  private final int maxFailures;
  private final long windowNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public AuthThrottle(int maxFailures, Duration window, LongSupplier nanoClock) {
    this.maxFailures = maxFailures;
    this.windowNanos = window.toNanos();
    this.clock = nanoClock;
  }

  /** Records a failure; true when the IP has now reached the limit. */
  public boolean recordFailure(String ip) {
    long now = clock.getAsLong();
    Deque<Long> q = failures.computeIfAbsent(ip, k -> new ArrayDeque<>());
    synchronized (q) {
      expire(q, now);
      q.addLast(now);
      return q.size() >= maxFailures;
    }
  }

  /** True while the IP has used up its failures in the window. */
  public boolean isBlocked(String ip) {
    Deque<Long> q = failures.get(ip);
    if (q == null) {
      return false;
    }
    synchronized (q) {
      expire(q, clock.getAsLong());
      if (q.isEmpty()) {
        failures.remove(ip, q);
        return false;
      }
      return q.size() >= maxFailures;
    }
  }

  private void expire(Deque<Long> q, long now) {
    while (!q.isEmpty() && now - q.peekFirst() > windowNanos) {
      q.removeFirst();
    }
  }
}
