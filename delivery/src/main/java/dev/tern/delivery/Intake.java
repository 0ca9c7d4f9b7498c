package dev.tern.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One message on its way into the spool. The relay calls {@link #write} for each piece of the body as
 * it arrives (the bytes exactly as they will be stored: already dot-unstuffed, trace header first),
 * then either {@link #commit} or {@link #abort}. Calls come from one event-loop context and never
 * overlap: the caller waits for each write's future before the next write (that is the
 * back-pressure).
 */
public interface Intake {

  /** Accepts the next piece of the body. Completes when the caller may send more. */
  Future<Void> write(Buffer chunk);

  /** Bytes written so far. */
  long size();

  /**
   * Makes the message durable. Completes only after the bytes and the envelope are on disk (fsync),
   * so the caller may then answer 250. Fails if the message could not be stored; nothing is queued.
   */
  Future<QueueId> commit();

  /** Forgets the message; whatever was staged is removed. Safe to call more than once. */
  void abort();
}
