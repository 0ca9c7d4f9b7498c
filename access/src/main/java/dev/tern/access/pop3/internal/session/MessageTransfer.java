package dev.tern.access.pop3.internal.session;

import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.pop3.internal.codec.DotStuffer;
import dev.tern.access.pop3.internal.codec.TopFilter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;

/**
 * Streams one stored message (RETR) or its head (TOP) to the client: stored bytes, through the TOP filter
 * if any, through the dot-stuffer, onto the socket, ending with CRLF.CRLF. The file is read only as fast
 * as the client takes the data: when the socket's write queue is full the file stream is paused and the
 * socket's drain resumes it, so memory stays bounded whatever the message size. What one event-loop turn
 * produces (the status line, a small message read at once, the terminator) leaves in one socket write: a
 * write is a system call, and a download of many small messages would otherwise pay three per message.
 *
 * <p>The future fails when reading breaks off after the status line went out; the answer is then
 * incomplete and the caller must drop the connection.
 */
final class MessageTransfer {

  private final NetSocket socket;
  private final MessageContent content;
  private final TopFilter top;
  private final Pop3Metrics metrics;
  private final Runnable progress;
  private final DotStuffer stuffer = new DotStuffer();
  private final Promise<Void> done = Promise.promise();
  private static final int FLUSH_AT_BYTES = 32 * 1024;
  private boolean finished;
  private boolean waitingForDrain;
  /** Bytes produced in this event-loop turn and not yet written; null when there are none. */
  private Buffer unsent;
  private boolean flushScheduled;

  /**
   * @param top      the TOP filter, or null to send the whole message
   * @param progress told whenever data moves, so a slow but reading client is not taken for idle
   */
  MessageTransfer(NetSocket socket, MessageContent content, TopFilter top, Pop3Metrics metrics, Runnable progress) {
    this.socket = socket;
    this.content = content;
    this.top = top;
    this.metrics = metrics;
    this.progress = progress;
  }

  /** Writes the status line, then the message text. */
  Future<Void> start(Buffer statusLine) {
    long expected = Math.min(content.size() + content.size() / 32 + 8, FLUSH_AT_BYTES);
    unsent = Buffer.buffer((int) (statusLine.length() + expected)).appendBuffer(statusLine);
    socket.drainHandler(v -> onDrain());
    ReadStream<Buffer> stream = content.stream();
    stream.exceptionHandler(this::onReadFailure);
    stream.endHandler(v -> finish());
    stream.handler(this::onChunk);
    // After the handlers: an in-memory message then arrives before this flush, and leaves with the status line
    // and the terminator in one write.
    scheduleFlush();
    return done.future();
  }

  /** Stops without writing anything more: the connection is gone. */
  void abort() {
    if (!finished) {
      finished = true;
      release();
      done.tryComplete();
    }
  }

  private void onChunk(Buffer chunk) {
    if (finished) {
      return;
    }
    Buffer text = top == null ? chunk : top.filter(chunk);
    send(stuffer.stuff(text));
    progress.run();
    if (top != null && top.isDone()) {
      finish();
    } else if (unsent != null && unsent.length() >= FLUSH_AT_BYTES) {
      flush();
    }
    if (!finished && socket.writeQueueFull()) {
      waitingForDrain = true;
      content.stream().pause();
    }
  }

  private void onDrain() {
    if (!finished && waitingForDrain) {
      waitingForDrain = false;
      progress.run();
      content.stream().resume();
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    send(stuffer.finish());
    flush();
    release();
    done.tryComplete();
  }

  private void onReadFailure(Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    release();
    done.tryFail(failure);
  }

  private void send(Buffer wire) {
    if (wire.length() > 0) {
      metrics.bytesSent(wire.length());
      if (unsent == null) {
        unsent = Buffer.buffer(Math.max(wire.length(), 8192));
      }
      unsent.appendBuffer(wire);
      scheduleFlush();
    }
  }

  /** Writes at the end of this event-loop turn, unless something writes earlier. */
  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      Vertx.currentContext().runOnContext(v -> {
        flushScheduled = false;
        if (!finished) {
          flush();
        }
      });
    }
  }

  private void flush() {
    if (unsent != null && unsent.length() > 0) {
      socket.write(unsent);
      unsent = null;
    }
  }

  private void release() {
    socket.drainHandler(null);
    ReadStream<Buffer> stream = content.stream();
    stream.pause();
    stream.handler(null);
    stream.endHandler(null);
    content.close();
  }
}
