package dev.tern.load.engine;

import io.vertx.core.Vertx;

/**
 * What the engine gives a workload's session: the Vert.x instance (for its NetClient), which session this is, and
 * where to record phase latencies and transferred bytes. Recording is thread-safe and cheap (HdrHistogram
 * recorders), so sessions record on their event loop as they go.
 */
public interface SessionContext {

  Vertx vertx();

  /** 0-based number of the session slot; a slot reopened after a failure keeps its number. */
  int sessionIndex();

  /** Records one latency of a phase named in {@link Workload#phases()}; an unknown name is a programming error. */
  void recordPhase(String phase, long nanos);

  /** Counts payload bytes moved (message bytes sent for SMTP, fetched for IMAP/POP3) for the MiB/s figure. */
  void addBytes(long bytes);
}
