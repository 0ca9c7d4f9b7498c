package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts received bytes into CRLF-terminated lines. Input is fed in chunks of any size and lines are taken
 * out one at a time, so the session decides when to read the next one (commands are handled strictly in
 * order while later input waits here). A line longer than the limit is not kept: its bytes are dropped as
 * they arrive and, once its CRLF is seen, it comes out as a single {@link Line#tooLong()} marker, so
 * memory stays bounded and the session can answer it and carry on.
 */
public final class LineFramer {

  /** One line without its CRLF, or the marker for a discarded over-long line (then {@code text} is empty). */
  public record Line(Buffer text, boolean tooLong) {
  }

  private static final Line TOO_LONG = new Line(Buffer.buffer(), true);

  private final int maxLineLength;
  private Buffer buffer = Buffer.buffer();
  private int start;
  /** How many bytes after {@code start} are known to hold no CRLF. */
  private int scanned;
  private boolean discarding;

  /** @param maxLineLength the longest line kept, CRLF included */
  public LineFramer(int maxLineLength) {
    if (maxLineLength < 3) {
      throw new IllegalArgumentException("line limit too small: " + maxLineLength);
    }
    this.maxLineLength = maxLineLength;
  }

  /** Adds received bytes. */
  public void feed(Buffer data) {
    if (start > 0) {
      buffer = buffer.getBuffer(start, buffer.length());
      start = 0;
    }
    buffer.appendBuffer(data);
  }

  /** The next complete line, or null until more input arrives. */
  public Line next() {
    int length = buffer.length();
    int i = start + scanned;
    for (; i + 1 < length; i++) {
      if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n') {
        boolean overLong = discarding || i - start + 2 > maxLineLength;
        Line line = overLong ? TOO_LONG : new Line(buffer.getBuffer(start, i), false);
        start = i + 2;
        scanned = 0;
        discarding = false;
        return line;
      }
    }
    scanned = Math.max(0, i - start);
    boolean endsWithCr = length > start && buffer.getByte(length - 1) == '\r';
    int content = length - start - (endsWithCr ? 1 : 0);
    if (discarding || content + 2 > maxLineLength) {
      // Keep only a trailing CR, which may be the first half of the CRLF that ends the line.
      discarding = true;
      start = endsWithCr ? length - 1 : length;
      scanned = 0;
    }
    return null;
  }

  /** Bytes received but not yet taken out as lines (a discarded line's bytes are not counted). */
  public int buffered() {
    return buffer.length() - start;
  }
}
