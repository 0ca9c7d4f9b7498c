package dev.tern.relay.internal.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's meters. The active-session gauge is "tern.smtp.sessions.active" and the total counter
 * "tern.smtp.sessions": Micrometer refuses two meter types under one name.
 */
public final class SmtpMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();
  private final Counter sessions;
  private final Counter accepted;
  private final Counter bytes;
  private final Timer acceptLatency;

  public SmtpMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("tern.smtp.sessions.active", active);
    this.sessions = registry.counter("tern.smtp.sessions");
    this.accepted = registry.counter("tern.smtp.messages.accepted");
    this.bytes = registry.counter("tern.smtp.bytes.accepted");
    this.acceptLatency = Timer.builder("tern.smtp.accept.latency")
        .description("end of data to the 250 reply").register(registry);
  }

  public void sessionOpened() {
    active.incrementAndGet();
    sessions.increment();
  }

  public void sessionClosed() {
    active.decrementAndGet();
  }

  public int activeSessions() {
    return active.get();
  }

  public void command(String verb) {
    registry.counter("tern.smtp.commands", "verb", verb).increment();
  }

  public void accepted(long size, Duration latency) {
    accepted.increment();
    bytes.increment(size);
    acceptLatency.record(latency);
  }

  public void reject(String reason) {
    registry.counter("tern.smtp.rejects", "reason", reason).increment();
  }
}
