package dev.tern.delivery.fs;

import dev.tern.delivery.BodyStream;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;

/**
 * A body read through a Vert.x {@link AsyncFile} (reads run on the worker pool, with back-pressure),
 * limited to the body's byte range and closing the file when it ends or fails.
 */
final class FileBodyStream implements BodyStream {

  private static final int READ_BUFFER_BYTES = 64 * 1024;

  private final AsyncFile file;
  private final long length;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private Future<Void> closed;

  FileBodyStream(AsyncFile file, long offset, long length) {
    this.file = file;
    this.length = length;
    // AsyncFile allocates (and zeroes) a read buffer of this size twice per read: a 4 KiB body must not cost
    // two 64 KiB allocations.
    file.setReadBufferSize((int) Math.max(1, Math.min(READ_BUFFER_BYTES, length)));
    file.setReadPos(offset);
    file.setReadLength(length);
    file.endHandler(v -> {
      close();
      if (endHandler != null) {
        endHandler.handle(null);
      }
    });
    file.exceptionHandler(e -> {
      close();
      if (exceptionHandler != null) {
        exceptionHandler.handle(e);
      }
    });
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public Future<Void> close() {
    if (closed == null) {
      closed = file.close();
    }
    return closed;
  }

  @Override
  public BodyStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public BodyStream handler(Handler<Buffer> handler) {
    file.handler(handler);
    return this;
  }

  @Override
  public BodyStream pause() {
    file.pause();
    return this;
  }

  @Override
  public BodyStream resume() {
    file.resume();
    return this;
  }

  @Override
  public BodyStream fetch(long amount) {
    file.fetch(amount);
    return this;
  }

  @Override
  public BodyStream endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }
}
