package dev.tern.access.imap.internal.fetch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.nio.charset.StandardCharsets;

/**
 * Collects FETCH responses into writes of up to {@link #FLUSH_AT} octets: a socket write is a system call, and
 * a FETCH of many small messages would otherwise pay one per response. Bigger data (a literal) is cut into
 * writes of that size, so no single buffer grows with the message. Back-pressure is the caller's: check
 * {@link #full()} and wait for {@link #whenWritable()}. A failed write (the connection closed) is remembered and
 * fails every later wait, so a long FETCH stops instead of writing into the void. Confined to one event loop.
 */
final class ResponseWriter {

  static final int FLUSH_AT = 64 * 1024;
  /** Output held back while the FETCH waits for a message is sent after at most this long. */
  private static final long LINGER_MILLIS = 2;

  private final Vertx vertx;
  private final WriteStream<Buffer> out;
  private Buffer batch = Buffer.buffer(1024);
  private Throwable failure;
  private Promise<Void> drain;
  private long lingerTimer = -1;

  ResponseWriter(Vertx vertx, WriteStream<Buffer> out) {
    this.vertx = vertx;
    this.out = out;
  }

  void ascii(String text) {
    bytes(text.getBytes(StandardCharsets.US_ASCII), 0, text.length());
  }

  void bytes(byte[] data) {
    bytes(data, 0, data.length);
  }

  void bytes(byte[] data, int offset, int length) {
    while (length > 0) {
      int take = Math.min(length, FLUSH_AT - batch.length());
      batch.appendBytes(data, offset, take);
      offset += take;
      length -= take;
      if (batch.length() >= FLUSH_AT) {
        flush();
      }
    }
  }

  void buffer(Buffer data) {
    int offset = 0;
    while (offset < data.length()) {
      int take = Math.min(data.length() - offset, FLUSH_AT - batch.length());
      batch.appendBuffer(data, offset, take);
      offset += take;
      if (batch.length() >= FLUSH_AT) {
        flush();
      }
    }
  }

  /** Writes what is collected now. */
  void flush() {
    cancelLinger();
    if (batch.length() == 0) {
      return;
    }
    Buffer data = batch;
    batch = Buffer.buffer(Math.min(FLUSH_AT, Math.max(1024, data.length())));
    out.write(data).onFailure(this::failed);
  }

  /**
   * Writes what is collected soon, unless more output fills a write first: used while waiting for the next
   * message, so responses ready now are neither held back for long nor sent one per write.
   */
  void flushSoon() {
    if (batch.length() > 0 && lingerTimer < 0) {
      lingerTimer = vertx.setTimer(LINGER_MILLIS, id -> {
        lingerTimer = -1;
        flush();
      });
    }
  }

  private void cancelLinger() {
    if (lingerTimer >= 0) {
      vertx.cancelTimer(lingerTimer);
      lingerTimer = -1;
    }
  }

  /** Whether the output is backed up; the caller should wait for {@link #whenWritable()}. */
  boolean full() {
    return out.writeQueueFull();
  }

  /** Completes when the output takes more data; fails once a write has failed. */
  Future<Void> whenWritable() {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (!out.writeQueueFull()) {
      return Future.succeededFuture();
    }
    if (drain == null) {
      Promise<Void> waiting = Promise.promise();
      drain = waiting;
      out.drainHandler(v -> {
        out.drainHandler(null);
        drain = null;
        waiting.tryComplete();
      });
    }
    return drain.future();
  }

  /** The first write failure, or null. */
  Throwable failure() {
    return failure;
  }

  /** Drops unsent output and timers (the FETCH failed). */
  void discard() {
    cancelLinger();
    batch = Buffer.buffer(0);
  }

  private void failed(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    if (drain != null) {
      Promise<Void> waiting = drain;
      drain = null;
      out.drainHandler(null);
      waiting.tryFail(cause);
    }
  }
}
