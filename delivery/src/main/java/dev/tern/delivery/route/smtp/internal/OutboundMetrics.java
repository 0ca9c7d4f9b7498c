package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.DeliveryReport.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the outbound client. Messages per connection (reuse) = tern.outbound.messages (all results) /
 * tern.outbound.connections.opened.
 */
public final class OutboundMetrics {

  private final MeterRegistry registry;
  private final Timer latency;

  public OutboundMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency = Timer.builder("tern.outbound.attempt.latency")
        .description("duration of one delivery attempt, waiting for a connection included").register(registry);
  }

  /** Registers the active-connections gauge of one site and returns the number it reads. */
  public AtomicInteger activeConnections(String site) {
    AtomicInteger active = new AtomicInteger();
    Gauge.builder("tern.outbound.connections.active", active, AtomicInteger::get)
        .description("open outbound SMTP connections (connecting, busy and idle)").tag("site", site)
        .register(registry);
    return active;
  }

  public void connectionOpened(String site) {
    Counter.builder("tern.outbound.connections.opened").tag("site", site).register(registry).increment();
  }

  /**
   * One attempt: result "delivered" when any recipient was delivered, else "deferred" when any was deferred,
   * else "failed". Recipients are counted by their own result as well.
   */
  public void attempt(DeliveryReport report, Duration took) {
    latency.record(took);
    boolean delivered = false;
    boolean deferred = false;
    for (DeliveryReport.RecipientResult result : report.results()) {
      delivered |= result.outcome() == Outcome.DELIVERED;
      deferred |= result.outcome() == Outcome.DEFERRED;
      Counter.builder("tern.outbound.recipients").tag("result", result.outcome().name().toLowerCase(Locale.ROOT))
          .register(registry).increment();
    }
    String result = delivered ? "delivered" : deferred ? "deferred" : "failed";
    Counter.builder("tern.outbound.messages").tag("result", result).register(registry).increment();
  }
}
