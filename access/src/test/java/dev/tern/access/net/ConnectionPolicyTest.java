package dev.tern.access.net;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionPolicyTest {

  @Test
  void connectionLimiter() {
    ConnectionLimiter limiter = new ConnectionLimiter(3, 2);
    assertTrue(limiter.tryAcquire("a"));
    assertTrue(limiter.tryAcquire("a"));
    assertFalse(limiter.tryAcquire("a"));
    assertTrue(limiter.tryAcquire("b"));
    assertFalse(limiter.tryAcquire("c"));
    limiter.release("a");
    assertTrue(limiter.tryAcquire("c"));
    assertFalse(limiter.tryAcquire("a"));
  }

  @Test
  void authThrottleSlidingWindow() {
    AtomicLong now = new AtomicLong();
    AuthThrottle throttle = new AuthThrottle(2, Duration.ofSeconds(10), now::get);
    assertFalse(throttle.recordFailure("ip"));
    assertFalse(throttle.isBlocked("ip"));
    assertTrue(throttle.recordFailure("ip"));
    assertTrue(throttle.isBlocked("ip"));
    assertFalse(throttle.isBlocked("other"));
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertFalse(throttle.isBlocked("ip"));
  }
}
