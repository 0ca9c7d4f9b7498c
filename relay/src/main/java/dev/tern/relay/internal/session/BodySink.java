package dev.tern.relay.internal.session;

import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.relay.internal.codec.HeaderInspector;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Gathers body bytes into pieces of up to {@link #CHUNK} and writes them to the Intake one at a time
 * (the returned future is the back-pressure signal). Counts the client's bytes against the size limit
 * and watches the header section. Once the message is known to be refused (too big, or a write failed)
 * bytes are only counted, never kept, so a huge message costs no heap.
 */
public final class BodySink {

  static final int CHUNK = 64 * 1024;
  /**
   * Small messages are the common case; the buffer grows towards CHUNK only when the body does. 8 KiB holds a
   * typical 4 KiB message with its trace header without growing (each growth copies what was gathered).
   */
  private static final int INITIAL = 8 * 1024;

  private final Intake intake;
  private final long maxSize;
  private final HeaderInspector header = new HeaderInspector();
  private Buffer pending;
  private long clientBytes;
  private boolean writeFailed;
  private boolean aborted;

  public BodySink(Intake intake, long maxSize, String traceHeader) {
    this.intake = intake;
    this.maxSize = maxSize;
    this.pending = Buffer.buffer(INITIAL).appendString(traceHeader);
  }

  /** Adds client bytes; the future completes when the caller may send more (never fails). */
  public Future<Void> append(Buffer bytes) {
    clientBytes += bytes.length();
    if (!header.headerComplete()) {
      header.feed(bytes);
    }
    if (refusedAlready()) {
      pending = null;
      return Future.succeededFuture();
    }
    if (pending == null) {
      pending = Buffer.buffer(Math.max(INITIAL, bytes.length()));
    }
    pending.appendBuffer(bytes);
    return pending.length() >= CHUNK ? flush() : Future.succeededFuture();
  }

  /** Writes what is pending. Never fails; a failed write is remembered and reported by {@link #commit}. */
  public Future<Void> flush() {
    if (pending == null || pending.length() == 0 || refusedAlready()) {
      return Future.succeededFuture();
    }
    Buffer piece = pending;
    pending = null; // allocated again only if more of the body comes
    return intake.write(piece).recover(err -> {
      writeFailed = true;
      return Future.succeededFuture();
    });
  }

  public Future<QueueId> commit() {
    return flush().compose(v -> writeFailed
        ? Future.failedFuture(new IllegalStateException("a body write failed"))
        : intake.commit());
  }

  public void abort() {
    if (!aborted) {
      aborted = true;
      pending = null;
      intake.abort();
    }
  }

  private boolean refusedAlready() {
    return writeFailed || aborted || clientBytes > maxSize;
  }

  public boolean tooLarge() {
    return clientBytes > maxSize;
  }

  public boolean writeFailed() {
    return writeFailed;
  }

  public long clientBytes() {
    return clientBytes;
  }

  public HeaderInspector header() {
    return header;
  }
}
