package dev.tern.delivery.scheduler;

import dev.tern.delivery.QueueEntry.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The scheduler's meters. Results are tagged with the recipient domain for the first {@link #MAX_DOMAINS} domains
 * seen and "other" after that, so a queue to millions of domains cannot explode the registry.
 */
final class SchedulerMetrics {

  static final int MAX_DOMAINS = 200;

  private final MeterRegistry registry;
  private final Set<String> domains = new HashSet<>();
  private final Timer attemptLatency;
  private final Counter bouncesFailed;
  private final Counter bouncesDelayed;
  private final Gauge active;

  SchedulerMetrics(MeterRegistry registry, IntSupplier inFlight) {
    this.registry = registry;
    this.attemptLatency = Timer.builder("tern.delivery.attempt.latency")
        .description("one delivery attempt to one destination, routing included")
        .publishPercentiles(0.5, 0.9, 0.99)
        .register(registry);
    this.bouncesFailed = Counter.builder("tern.delivery.bounces").tag("action", "failed")
        .description("DSNs queued").register(registry);
    this.bouncesDelayed = Counter.builder("tern.delivery.bounces").tag("action", "delayed")
        .description("DSNs queued").register(registry);
    this.active = Gauge.builder("tern.queue.depth", inFlight::getAsInt).tag("state", "active")
        .description("recipients by state; active = being delivered now")
        .strongReference(true)
        .register(registry);
  }

  void result(Status status, String domain) {
    Counter.builder("tern.delivery.results")
        .tag("result", status.name().toLowerCase(Locale.ROOT))
        .tag("domain", domainTag(domain))
        .register(registry)
        .increment();
  }

  void attempt(long startNanos) {
    attemptLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  void bounce(boolean failed) {
    (failed ? bouncesFailed : bouncesDelayed).increment();
  }

  void close() {
    registry.remove(active);
  }

  private synchronized String domainTag(String domain) {
    String d = domain.isEmpty() ? "local" : domain;
    if (domains.contains(d)) {
      return d;
    }
    if (domains.size() < MAX_DOMAINS) {
      domains.add(d);
      return d;
    }
    return "other";
  }
}
