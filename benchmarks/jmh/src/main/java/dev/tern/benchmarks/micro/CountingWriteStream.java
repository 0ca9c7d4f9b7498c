package dev.tern.benchmarks.micro;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A session's output that is never full and keeps nothing: counts the writes and their octets, so a benchmark
 * can check that a response came out whole without paying for a socket.
 */
public final class CountingWriteStream implements WriteStream<Buffer> {

  private final Buffer kept;
  private long bytes;
  private int writes;

  /** @param keep also keep every octet written, for a test to read back with {@link #kept()} */
  public CountingWriteStream(boolean keep) {
    this.kept = keep ? Buffer.buffer() : null;
  }

  /** Everything written, when constructed to keep it; else null. */
  public Buffer kept() {
    return kept;
  }

  /** Starts counting from zero (what is kept stays). */
  public void reset() {
    bytes = 0;
    writes = 0;
  }

  public long bytes() {
    return bytes;
  }

  public int writes() {
    return writes;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (kept != null) {
      kept.appendBuffer(data);
    }
    bytes += data.length();
    writes++;
    return Future.succeededFuture();
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
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
