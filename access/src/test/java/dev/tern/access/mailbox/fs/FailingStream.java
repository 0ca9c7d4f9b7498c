package dev.tern.access.mailbox.fs;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Emits one chunk, then fails: a client that drops the connection halfway through a message. */
final class FailingStream implements ReadStream<Buffer> {

  private final Context context;
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;
  private boolean started;

  FailingStream(Context context) {
    this.context = context;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler != null && !started) {
      started = true;
      context.runOnContext(v -> {
        this.handler.handle(Buffer.buffer("Subject: half\r\n"));
        exceptionHandler.handle(new IllegalStateException("connection lost"));
      });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    return this;
  }
}
