package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Turns stored message bytes, fed in chunks of any size, into the RETR/TOP wire form: every line
 * ending becomes CRLF (a bare LF or a bare CR counts as a line ending, so the client never sees a
 * lone CR or LF), a line starting with "." gets a second ".", and {@link #finish()} closes the
 * message with CRLF (if the last line lacked one) and ".\r\n". Only one byte of state (a CR that
 * might be followed by LF in the next chunk) is carried between chunks, so memory stays bounded.
 */
public final class DotStuffer {

  private boolean atLineStart = true;
  private boolean pendingCr;
  private boolean finished;

  /** The wire bytes for this chunk; may be empty when the chunk is a lone CR. */
  public Buffer stuff(Buffer chunk) {
    if (finished) {
      throw new IllegalStateException("message already finished");
    }
    int length = chunk.length();
    Buffer out = Buffer.buffer(length + length / 16 + 4);
    int runStart = 0;
    for (int i = 0; i < length; i++) {
      byte b = chunk.getByte(i);
      if (pendingCr) {
        pendingCr = false;
        endLine(out);
        if (b == '\n') {
          runStart = i + 1;
          continue;
        }
      }
      if (b == '\r' || b == '\n' || (b == '.' && atLineStart)) {
        out.appendBuffer(chunk, runStart, i - runStart);
        runStart = i + 1;
        if (b == '\r') {
          pendingCr = true;
        } else if (b == '\n') {
          endLine(out);
        } else {
          out.appendByte((byte) '.').appendByte((byte) '.');
          atLineStart = false;
        }
      } else {
        atLineStart = false;
      }
    }
    out.appendBuffer(chunk, runStart, length - runStart);
    return out;
  }

  /** The closing bytes: a CRLF if the text did not end with a line ending, then ".\r\n". */
  public Buffer finish() {
    if (finished) {
      throw new IllegalStateException("message already finished");
    }
    finished = true;
    Buffer out = Buffer.buffer(5);
    if (pendingCr || !atLineStart) {
      out.appendString("\r\n");
    }
    pendingCr = false;
    atLineStart = true;
    return out.appendString(".\r\n");
  }

  private void endLine(Buffer out) {
    out.appendByte((byte) '\r').appendByte((byte) '\n');
    atLineStart = true;
  }
}
