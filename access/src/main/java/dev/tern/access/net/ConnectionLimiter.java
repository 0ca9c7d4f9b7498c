package dev.tern.access.net;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections in total and per client IP across all event loops. */
public final class ConnectionLimiter {

  private final int maxTotal;
  private final int maxPerIp;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perIp = new ConcurrentHashMap<>();

  public ConnectionLimiter(int maxTotal, int maxPerIp) {
    this.maxTotal = maxTotal;
    this.maxPerIp = maxPerIp;
  }

  /** Takes a slot; false (and nothing taken) when either limit is reached. */
  public boolean tryAcquire(String ip) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return false;
    }
    boolean[] admitted = {false};
    perIp.compute(ip, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (c.get() < maxPerIp) {
        c.incrementAndGet();
        admitted[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
    }
    return admitted[0];
  }

  public void release(String ip) {
    total.decrementAndGet();
    perIp.computeIfPresent(ip, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
  }

  public int open() {
    return total.get();
  }
}
