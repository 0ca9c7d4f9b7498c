package dev.tern.access.imap.internal.message;

import dev.tern.access.mailbox.MessageContent;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A stored message's read stream seen by a worker thread as a blocking {@link InputStream}, for parsers
 * (mime4j) that pull. The stream's chunks arrive on the event loop and wait in a queue of at most
 * {@link #HIGH_WATER} bytes: above it the stream is paused, and the worker resumes it (on the event loop)
 * once it has read the queue down, so memory stays bounded whatever the message size. Line ends are
 * normalised as {@link LineEnds} does. Closing the input (the worker is done, or gives up) releases the
 * stored message.
 */
public final class ReadStreamInputStream extends InputStream {

  /** Bytes queued before the stream is paused; about the most a bridged message holds in memory. */
  public static final int HIGH_WATER = 256 * 1024;
  private static final long STALL_TIMEOUT_SECONDS = 120;

  private final Context context;
  private final MessageContent content;
  private final LineEnds lineEnds = new LineEnds();
  /** Chunks not read yet; guarded by this. */
  private final Queue<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean ended;
  private Throwable failure;
  private boolean paused;
  /** Read without the lock by the worker, so a read after close fails at once. */
  private volatile boolean closed;
  /** The chunk being read by the worker (worker-confined). */
  private byte[] current;
  private int position;

  /** Starts reading; call on the context the content's stream belongs to. */
  public ReadStreamInputStream(Context context, MessageContent content) {
    this.context = context;
    this.content = content;
    content.stream().exceptionHandler(this::onFailure);
    content.stream().endHandler(v -> onEnd());
    content.stream().handler(this::onChunk);
  }

  private void onChunk(Buffer chunk) {
    boolean pause;
    synchronized (this) {
      if (closed) {
        return;
      }
      byte[] bytes = chunk.getBytes();
      byte[] fixed = lineEnds.next(bytes, 0, bytes.length);
      if (fixed.length > 0) {
        queue.add(fixed);
        queuedBytes += fixed.length;
      }
      pause = queuedBytes >= HIGH_WATER && !paused;
      if (pause) {
        paused = true;
      }
      notifyAll();
    }
    if (pause) {
      content.stream().pause();
    }
  }

  private synchronized void onEnd() {
    byte[] tail = lineEnds.finish();
    if (tail.length > 0) {
      queue.add(tail);
      queuedBytes += tail.length;
    }
    ended = true;
    notifyAll();
  }

  private synchronized void onFailure(Throwable cause) {
    failure = cause;
    notifyAll();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("closed");
    }
    if (length == 0) {
      return 0;
    }
    if (current == null || position == current.length) {
      current = take();
      position = 0;
      if (current == null) {
        return -1;
      }
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, target, offset, n);
    position += n;
    return n;
  }

  /** The next queued chunk, waiting for the event loop to deliver it; null at the end. */
  private byte[] take() throws IOException {
    boolean resume = false;
    byte[] chunk;
    synchronized (this) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_TIMEOUT_SECONDS);
      while (queue.isEmpty() && !ended && failure == null && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("the message stream stalled");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted reading a message");
        }
      }
      if (closed) {
        throw new IOException("closed");
      }
      if (failure != null) {
        throw new IOException("reading the message failed: " + failure.getMessage(), failure);
      }
      chunk = queue.poll();
      if (chunk == null) {
        return null;
      }
      queuedBytes -= chunk.length;
      if (paused && queuedBytes < HIGH_WATER / 2) {
        paused = false;
        resume = true;
      }
    }
    if (resume) {
      context.runOnContext(v -> {
        if (!isClosed()) {
          content.stream().resume();
        }
      });
    }
    return chunk;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stops reading and releases the stored message (from any thread). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      queuedBytes = 0;
      notifyAll();
    }
    context.runOnContext(v -> {
      content.stream().handler(null);
      content.stream().endHandler(null);
      content.stream().exceptionHandler(null);
      content.close();
    });
  }
}
