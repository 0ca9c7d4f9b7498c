package dev.tern.access.mailbox.fs;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A read stream of one buffer already in memory, honouring pause/fetch like a file stream: a small message read
 * in the same worker call that located it is served without further file handles or thread hops. Events are
 * delivered on the given context, never from within the call that registered a handler.
 */
final class BufferReadStream implements ReadStream<Buffer> {

  private final Context context;
  private Buffer pending;
  private long demand = Long.MAX_VALUE;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private boolean scheduled;
  private boolean ended;

  BufferReadStream(Context context, Buffer content) {
    this.context = context;
    this.pending = content.length() == 0 ? null : content;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> ignored) {
    return this; // nothing can fail: the bytes are in memory
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    demand = Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    schedule();
    return this;
  }

  private void schedule() {
    if (!scheduled && !ended) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    if (ended) {
      return;
    }
    if (pending != null) {
      if (handler == null || demand == 0) {
        return;
      }
      Buffer chunk = pending;
      pending = null;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(chunk);
    }
    if (pending == null && endHandler != null && !ended) {
      ended = true;
      endHandler.handle(null);
    }
  }
}
