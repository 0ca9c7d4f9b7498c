package dev.tern.delivery.local;

import io.vertx.core.Future;

/**
 * The original header block of the message of one pass, read at most once and shared by everyone in the pass that
 * needs it (loop detection here, the DSN of the pass).
 */
public interface PassHeaders {

  /** The header block, read now if nobody has read it yet; completes with null when it cannot be read. */
  Future<byte[]> read();

  /** A header block already in hand (cut from a body read whole), so that nobody reads it again. */
  void offer(byte[] block);
}
