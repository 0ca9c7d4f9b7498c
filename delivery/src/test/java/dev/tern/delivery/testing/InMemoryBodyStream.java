package dev.tern.delivery.testing;

import dev.tern.delivery.BodyStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * A body held in memory that behaves like a stored one: emits fixed-size chunks asynchronously on its context,
 * honours pause/resume/fetch, and can fail after a given number of bytes (a disk read error).
 */
public final class InMemoryBodyStream implements BodyStream {

  private final Context context;
  private final Buffer data;
  private final int chunkSize;
  private final long failAfter;
  private int position;
  private long demand = Long.MAX_VALUE;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean scheduled;
  private boolean done;
  private volatile boolean closed;

  public InMemoryBodyStream(Context context, Buffer data, int chunkSize, long failAfter) {
    this.context = context;
    this.data = data;
    this.chunkSize = chunkSize;
    this.failAfter = failAfter;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public long length() {
    return data.length();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    done = true;
    return Future.succeededFuture();
  }

  @Override
  public BodyStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public BodyStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public BodyStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public BodyStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BodyStream fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public BodyStream endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }

  private void schedule() {
    if (!scheduled && !done) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    while (!done && handler != null && demand > 0) {
      if (failAfter >= 0 && position >= failAfter) {
        done = true;
        if (exceptionHandler != null) {
          exceptionHandler.handle(new java.io.IOException("simulated read error"));
        }
        return;
      }
      if (position >= data.length()) {
        done = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
        return;
      }
      int end = Math.min(data.length(), position + chunkSize);
      Buffer chunk = data.getBuffer(position, end);
      position = end;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(chunk);
    }
  }
}
