package dev.tern.delivery.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetryPolicy policy(long firstMs, double factor, long capMs, double jitter) {
    return new RetryPolicy(Duration.ofMillis(firstMs), factor, Duration.ofMillis(capMs), jitter, Duration.ofDays(5));
  }

  @Test
  void defaultsDoubleFromOneMinuteUpToOneHour() {
    RetryPolicy p = policy(60_000, 2, 3_600_000, 0);
    assertEquals(60_000, p.delayMillis(1, 0.5));
    assertEquals(120_000, p.delayMillis(2, 0.5));
    assertEquals(1_920_000, p.delayMillis(6, 0.5));
    assertEquals(3_600_000, p.delayMillis(7, 0.5));
    assertEquals(3_600_000, p.delayMillis(10_000, 0.5), "huge attempt counts stay at the cap");
    assertEquals(Duration.ofMinutes(1), RetryPolicy.DEFAULT.firstRetry());
    assertEquals(Duration.ofHours(1), RetryPolicy.DEFAULT.maxDelay());
    assertEquals(Duration.ofDays(5), RetryPolicy.DEFAULT.maxLifetime());
  }

  @Test
  void fractionalFactorsAreNotTruncated() {
    RetryPolicy p = policy(1000, 1.25, 100_000, 0);
    assertEquals(1000, p.delayMillis(1, 0));
    assertEquals(1250, p.delayMillis(2, 0));
    assertEquals(1563, p.delayMillis(3, 0));
  }

  @Test
  void jitterOnlyShortensAndStaysWithinItsFraction() {
    RetryPolicy p = policy(10_000, 2, 1_000_000, 0.1);
    assertEquals(10_000, p.delayMillis(1, 0.0));
    assertEquals(9_000, p.delayMillis(1, 0.99999999));
    for (double r = 0; r < 1; r += 0.05) {
      long d = p.delayMillis(2, r);
      assertTrue(d > 18_000 - 1 && d <= 20_000, "delay " + d);
    }
  }

  @Test
  void expiryIsMeasuredFromArrival() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    long arrived = 1_000_000;
    assertFalse(p.expired(arrived, arrived + Duration.ofDays(5).toMillis() - 1));
    assertTrue(p.expired(arrived, arrived + Duration.ofDays(5).toMillis()));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> policy(0, 2, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> policy(100, 2, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> policy(10, 0.5, 100, 0));
    assertThrows(IllegalArgumentException.class, () -> policy(10, Double.NaN, 100, 0));
    assertThrows(IllegalArgumentException.class, () -> policy(10, 2, 100, 1.0));
    assertThrows(IllegalArgumentException.class, () -> policy(10, 2, 100, -0.1));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(Duration.ofMillis(1), 2, Duration.ofMillis(1), 0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> policy(10, 2, 100, 0).delayMillis(0, 0));
    assertThrows(IllegalArgumentException.class, () -> SchedulerOptions.defaults("bad host"));
    assertThrows(IllegalArgumentException.class, () -> SchedulerOptions.defaults("h").withLimits(0, 1));
    assertThrows(IllegalArgumentException.class, () -> SchedulerOptions.defaults("h").withDelayWarningAfter(Duration.ZERO));
  }

  @Test
  void relayhostHostPartIsTakenFromEveryForm() {
    assertEquals("smtp.example", Smarthost.hostPart("smtp.example:587"));
    assertEquals("smtp.example", Smarthost.hostPart("smtp.example"));
    assertEquals("192.0.2.1", Smarthost.hostPart("192.0.2.1:25"));
    assertEquals("2001:db8::1", Smarthost.hostPart("[2001:db8::1]:25"));
    assertThrows(IllegalArgumentException.class, () -> Smarthost.hostPart("[2001:db8::1:25"));
  }
}
