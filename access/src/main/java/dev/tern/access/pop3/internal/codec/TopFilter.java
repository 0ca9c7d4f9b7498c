package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts stored message bytes, fed in chunks of any size, down to what TOP returns: the header
 * section, the blank line that ends it and the first {@code bodyLines} lines of the body. Its output
 * is still raw message text and goes through {@link DotStuffer} next. Lines end where the stuffer
 * ends them (CRLF, bare LF, or a bare CR) so the client gets exactly the lines it asked for. Once
 * {@link #isDone()} the caller can stop reading the message.
 */
public final class TopFilter {

  private int bodyLinesLeft;
  private boolean inHeaders = true;
  private boolean lineEmpty = true;
  private boolean pendingCr;
  private boolean done;

  /** @param bodyLines how many body lines to keep, zero or more */
  public TopFilter(int bodyLines) {
    if (bodyLines < 0) {
      throw new IllegalArgumentException("negative line count");
    }
    this.bodyLinesLeft = bodyLines;
  }

  /** True once everything TOP returns has passed; further chunks yield nothing. */
  public boolean isDone() {
    return done;
  }

  /** The part of this chunk that belongs to the TOP answer (possibly empty). */
  public Buffer filter(Buffer chunk) {
    if (done) {
      return Buffer.buffer();
    }
    int length = chunk.length();
    for (int i = 0; i < length; i++) {
      byte b = chunk.getByte(i);
      if (pendingCr) {
        pendingCr = false;
        if (b == '\n') {
          if (endLine()) {
            return chunk.slice(0, i + 1).copy();
          }
          continue;
        }
        // The CR alone ended the line; this byte already belongs to the next one.
        if (endLine()) {
          return chunk.slice(0, i).copy();
        }
      }
      if (b == '\r') {
        pendingCr = true;
      } else if (b == '\n') {
        if (endLine()) {
          return chunk.slice(0, i + 1).copy();
        }
      } else {
        lineEmpty = false;
      }
    }
    return chunk.copy();
  }

  /** Accounts for one finished line; true when that line was the last one TOP returns. */
  private boolean endLine() {
    boolean wasEmpty = lineEmpty;
    lineEmpty = true;
    if (inHeaders) {
      if (wasEmpty) {
        inHeaders = false;
        done = bodyLinesLeft == 0;
      }
    } else {
      bodyLinesLeft--;
      done = bodyLinesLeft == 0;
    }
    return done;
  }
}
