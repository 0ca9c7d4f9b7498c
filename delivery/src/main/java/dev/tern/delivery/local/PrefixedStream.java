package dev.tern.delivery.local;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A stream that emits a few bytes of its own (the header lines local delivery prepends) and then another stream,
 * honouring pause, resume and fetch throughout. The inner stream is paused until the prefix has been taken; the
 * prefix is emitted from the context, never from inside the caller's {@code resume}.
 */
final class PrefixedStream implements ReadStream<Buffer> {

  private final Context context;
  private final Buffer prefix;
  private final ReadStream<Buffer> rest;
  private long demand = Long.MAX_VALUE;
  private boolean scheduled;
  private boolean prefixSent;
  private boolean handedOver;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  PrefixedStream(Context context, Buffer prefix, ReadStream<Buffer> rest) {
    this.context = context;
    this.prefix = prefix;
    this.rest = rest;
    rest.pause();
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    rest.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handedOver) {
      rest.handler(handler);
    } else {
      schedule();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    if (handedOver) {
      rest.endHandler(endHandler);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (handedOver) {
      rest.pause();
    } else {
      demand = 0;
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (handedOver) {
      rest.fetch(amount);
      return this;
    }
    if (amount > 0) {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      schedule();
    }
    return this;
  }

  private void schedule() {
    if (!prefixSent && !scheduled && handler != null && demand > 0) {
      scheduled = true;
      context.runOnContext(v -> emitPrefix());
    }
  }

  private void emitPrefix() {
    scheduled = false;
    if (prefixSent || handler == null || demand == 0) {
      return;
    }
    prefixSent = true;
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(prefix);
    // Whatever the handler asked for meanwhile (pause, fetch) is in demand; the inner stream takes over from here.
    handedOver = true;
    rest.handler(handler);
    rest.endHandler(endHandler);
    if (demand == Long.MAX_VALUE) {
      rest.resume();
    } else if (demand > 0) {
      rest.fetch(demand);
    }
  }
}
