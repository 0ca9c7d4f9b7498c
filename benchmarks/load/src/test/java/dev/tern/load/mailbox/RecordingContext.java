package dev.tern.load.mailbox;

import dev.tern.load.engine.SessionContext;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A session context for tests: counts each phase's recordings and the bytes, and rejects unknown phases. */
public final class RecordingContext implements SessionContext {

  private final Vertx vertx;
  private final List<String> phases;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  public RecordingContext(Vertx vertx, List<String> phases) {
    this.vertx = vertx;
    this.phases = phases;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public int sessionIndex() {
    return 0;
  }

  @Override
  public void recordPhase(String phase, long nanos) {
    if (!phases.contains(phase)) {
      throw new IllegalArgumentException("unknown phase " + phase);
    }
    if (nanos < 0) {
      throw new IllegalArgumentException("negative latency for " + phase);
    }
    counts.computeIfAbsent(phase, p -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void addBytes(long n) {
    bytes.addAndGet(n);
  }

  public long count(String phase) {
    AtomicLong n = counts.get(phase);
    return n == null ? 0 : n.get();
  }

  public long bytes() {
    return bytes.get();
  }
}
