package dev.tern.load.engine;

import io.vertx.core.Future;

/** One open connection of a workload. Used by one operation at a time, always on the event loop that opened it. */
public interface LoadSession {

  /**
   * Runs one operation (one SMTP transaction, one POP3 download, one IMAP fetch cycle). The future completes with the
   * server's verdict; it fails only when the connection broke or timed out, which the engine counts as a connection
   * error and after which it closes this session. Phases inside the operation are recorded through the
   * {@link SessionContext} the session was opened with; the engine itself records the whole operation's latency.
   */
  Future<Outcome> run(Operation operation);

  /**
   * Whether another operation may run on this session: false once the server said it is closing (421, BYE),
   * after a protocol error that leaves the session's state unknown, or when the workload's per-connection
   * operation limit is reached. The engine then closes it and opens a new one.
   */
  boolean reusable();

  /** Ends the session politely (QUIT, LOGOUT) when possible, then closes the connection; never fails. */
  Future<Void> close();
}
