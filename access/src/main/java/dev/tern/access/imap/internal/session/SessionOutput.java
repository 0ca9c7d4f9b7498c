package dev.tern.access.imap.internal.session;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.WriteStream;

import java.io.IOException;

/**
 * The session's socket as the FETCH engine writes to it. A closed socket never drains, so a writer waiting for
 * the drain would wait forever once the client has gone; {@link #closed()} releases such a waiter (its next
 * write then fails) and makes every later write fail at once. Confined to the session's event loop.
 */
public final class SessionOutput implements WriteStream<Buffer> {

  private final NetSocket socket;
  private Handler<Void> drain;
  private Handler<Throwable> exceptionHandler;
  private boolean closed;

  public SessionOutput(NetSocket socket) {
    this.socket = socket;
  }

  /** The connection is gone: writers waiting for a drain are woken to find their writes failing. */
  public void closed() {
    if (closed) {
      return;
    }
    closed = true;
    Handler<Void> waiting = drain;
    drain = null;
    socket.drainHandler(null);
    if (exceptionHandler != null) {
      exceptionHandler.handle(new IOException("connection closed"));
    }
    if (waiting != null) {
      waiting.handle(null);
    }
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    // The session owns the socket's exception handler; a writer's is told only of the close.
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    return closed ? Future.failedFuture(new IOException("connection closed")) : socket.write(data);
  }

  @Override
  public Future<Void> end() {
    return closed ? Future.succeededFuture() : socket.end();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    socket.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return !closed && socket.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    drain = handler;
    if (!closed) {
      socket.drainHandler(handler == null ? null : v -> {
        Handler<Void> waiting = drain;
        if (waiting != null) {
          waiting.handle(null);
        }
      });
    }
    return this;
  }
}
