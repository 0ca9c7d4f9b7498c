package dev.tern.access.mailbox;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.function.Supplier;

/**
 * The raw bytes of one message, exactly as appended, and their size. The reader must consume or
 * {@link #close()} the stream so the underlying file is released.
 */
public record MessageContent(long uid, long size, ReadStream<Buffer> stream, Supplier<Future<Void>> closer) {

  public Future<Void> close() {
    return closer.get();
  }
}
