package dev.tern.access.imap.internal.session;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.ArrayDeque;

/**
 * An APPEND literal handed to the mailbox store as it arrives. The session pushes the framer's chunks in and
 * stops taking more from the client while the store has not asked for what is queued (so a slow disk slows
 * the client, not the heap); the store pulls with the usual pause/resume/fetch. Before the store sets its
 * handler everything waits here. {@link #discard()} turns the stream into a sink for a refused append whose
 * octets still arrive. Confined to the session's event loop.
 */
final class LiteralReadStream implements ReadStream<Buffer> {

  /** Chunks queued before the session stops reading from the client. */
  private static final int MAX_QUEUED = 8;

  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private final Runnable onRoom;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean endDelivered;
  private boolean discarding;
  private boolean delivering;

  /** @param onRoom called when a full queue has room again, so the session reads on */
  LiteralReadStream(Runnable onRoom) {
    this.onRoom = onRoom;
  }

  void push(Buffer chunk) {
    if (discarding) {
      return;
    }
    if (chunk.length() > 0) {
      queue.add(chunk);
    }
    deliver();
  }

  void end() {
    ended = true;
    deliver();
  }

  /** The client went away before the literal was complete: the store drops what it wrote. */
  void fail(Throwable cause) {
    if (endDelivered || discarding) {
      return;
    }
    endDelivered = true;
    queue.clear();
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  /** The store refused the append: drop the octets still arriving instead of queueing them. */
  void discard() {
    discarding = true;
    queue.clear();
    onRoom.run();
  }

  /** True while the store is behind: the session takes no more chunks from the framer. */
  boolean full() {
    return !discarding && queue.size() >= MAX_QUEUED;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    deliver();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    demand = Long.MAX_VALUE;
    deliver();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    deliver();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    deliver();
    return this;
  }

  private void deliver() {
    if (delivering || discarding) {
      return;
    }
    delivering = true;
    try {
      boolean wasFull = full();
      while (handler != null && demand > 0 && !queue.isEmpty()) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(queue.poll());
      }
      if (handler != null && queue.isEmpty() && ended && !endDelivered) {
        endDelivered = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
      }
      if (wasFull && !full()) {
        onRoom.run();
      }
    } finally {
      delivering = false;
    }
  }
}
