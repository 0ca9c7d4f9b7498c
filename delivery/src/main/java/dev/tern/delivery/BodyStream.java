package dev.tern.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A stored message body read from disk with back-pressure; closes its file when it ends. */
public interface BodyStream extends ReadStream<Buffer> {

  /** The number of bytes the stream will emit. */
  long length();

  /** Releases the file early; safe to call more than once and after the end. */
  Future<Void> close();
}
