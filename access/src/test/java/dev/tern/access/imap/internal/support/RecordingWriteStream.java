package dev.tern.access.imap.internal.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The session's output as a test sees it: records every octet (unless told to only count), the largest single
 * write, the number of writes, and whether every write came from an event-loop thread. Its write queue is a
 * model: with a limit set, {@link #writeQueueFull()} reports true once that many octets were written since the
 * last {@link #drain()}, and stays so until the test drains it, like a socket whose peer reads slowly.
 */
public final class RecordingWriteStream implements WriteStream<Buffer> {

  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
  private final boolean record;
  private long queueLimit = Long.MAX_VALUE;
  private long queued;
  private long maxQueued;
  private long total;
  private int maxWrite;
  private int writes;
  private boolean offLoopWrite;
  private Throwable failWith;
  private Handler<Void> drainHandler;
  private int fullReports;
  private Vertx autoDrain;
  private boolean drainScheduled;

  public RecordingWriteStream() {
    this(true);
  }

  /** @param record false to only count (for very large outputs) */
  public RecordingWriteStream(boolean record) {
    this.record = record;
  }

  /** Reports a full queue after {@code octets} written since the last drain. */
  public RecordingWriteStream queueLimit(long octets) {
    this.queueLimit = octets;
    return this;
  }

  /**
   * A reader that takes its time: whenever the queue is reported full, it is drained a millisecond later (on
   * an event loop), so every FETCH big enough meets back-pressure and must wait for the drain.
   */
  public RecordingWriteStream autoDrain(Vertx vertx) {
    this.autoDrain = vertx;
    return this;
  }

  /** Makes every later write fail, as on a closed connection. */
  public void failWrites(Throwable cause) {
    this.failWith = cause;
  }

  @Override
  public synchronized Future<Void> write(Buffer data) {
    if (!Context.isOnEventLoopThread()) {
      offLoopWrite = true;
    }
    if (failWith != null) {
      return Future.failedFuture(failWith);
    }
    writes++;
    maxWrite = Math.max(maxWrite, data.length());
    total += data.length();
    queued += data.length();
    maxQueued = Math.max(maxQueued, queued);
    if (record) {
      recorded.writeBytes(data.getBytes());
    }
    return Future.succeededFuture();
  }

  /** The peer read everything: empties the queue and calls the drain handler. */
  public void drain() {
    Handler<Void> handler;
    synchronized (this) {
      queued = 0;
      handler = drainHandler;
    }
    if (handler != null) {
      handler.handle(null);
    }
  }


  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    this.queueLimit = maxSize;
    return this;
  }

  @Override
  public synchronized boolean writeQueueFull() {
    boolean full = queued >= queueLimit;
    if (full) {
      fullReports++;
      if (autoDrain != null && !drainScheduled) {
        drainScheduled = true;
        autoDrain.setTimer(1, id -> {
          synchronized (this) {
            drainScheduled = false;
          }
          drain();
        });
      }
    }
    return full;
  }

  @Override
  public synchronized WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  public synchronized String text() {
    return recorded.toString(StandardCharsets.UTF_8);
  }

  public synchronized byte[] bytes() {
    return recorded.toByteArray();
  }

  public synchronized long total() {
    return total;
  }

  public synchronized int maxWrite() {
    return maxWrite;
  }

  public synchronized long maxQueued() {
    return maxQueued;
  }

  public synchronized int writes() {
    return writes;
  }

  public synchronized int fullReports() {
    return fullReports;
  }

  public synchronized boolean wroteOffEventLoop() {
    return offLoopWrite;
  }
}
