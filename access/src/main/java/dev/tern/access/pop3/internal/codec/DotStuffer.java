package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Turns stored message bytes, fed in chunks of any size, into the RETR/TOP wire form: every line
 * ending becomes CRLF (a bare LF or a bare CR counts as a line ending, so the client never sees a
 * lone CR or LF), a line starting with "." gets a second ".", and {@link #finish()} closes the
 * message with CRLF (if the last line lacked one) and ".\r\n". Only two bits of state (at a line start;
 * a CR sent last whose LF may come with the next chunk) are carried between chunks, so memory stays bounded.
 *
 * <p>Stored mail is almost always CRLF text with few lines starting with a dot, so a chunk that needs no change
 * is returned as it is: scanning a copy of its bytes is the whole cost (reading a Buffer byte by byte goes
 * through Netty's bounds and reference-count checks for every byte, which was a third of a POP3 download's CPU).
 */
public final class DotStuffer {

  private boolean atLineStart = true;
  /** The last byte sent was a CR: an LF opening the next chunk completes its CRLF, anything else gets one added. */
  private boolean crSent;
  private boolean finished;

  /** The wire bytes for this chunk: the chunk itself when nothing in it needs changing. */
  public Buffer stuff(Buffer chunk) {
    if (finished) {
      throw new IllegalStateException("message already finished");
    }
    int length = chunk.length();
    if (length == 0) {
      return chunk;
    }
    byte[] in = chunk.getBytes();
    Buffer out = null;
    int runStart = 0;
    int i = 0;
    if (crSent) {
      crSent = false;
      atLineStart = true;
      if (in[0] == '\n') {
        i = 1;
      } else {
        out = Buffer.buffer(length + length / 16 + 4).appendByte((byte) '\n');
      }
    }
    scan:
    while (i < length) {
      if (atLineStart) {
        atLineStart = false;
        if (in[i] == '.') {
          // the dot itself stays in the next run; one more goes before it
          out = appendRun(out, in, runStart, i).appendByte((byte) '.');
          runStart = i;
        }
      }
      // Ordinary text: the only per-byte work is looking for the line end.
      byte b = in[i];
      while (b != '\r' && b != '\n') {
        if (++i == length) {
          break scan;
        }
        b = in[i];
      }
      atLineStart = true;
      if (b == '\n') {
        out = appendRun(out, in, runStart, i).appendByte((byte) '\r').appendByte((byte) '\n');
        runStart = ++i;
      } else if (i + 1 == length) {
        crSent = true;
        atLineStart = false;
        i++;
      } else if (in[i + 1] == '\n') {
        i += 2;
      } else {
        out = appendRun(out, in, runStart, i + 1).appendByte((byte) '\n');
        runStart = ++i;
      }
    }
    if (out == null) {
      return chunk;
    }
    return out.appendBytes(in, runStart, length - runStart);
  }

  /** The closing bytes: a line end if the text did not end with one, then ".\r\n". */
  public Buffer finish() {
    if (finished) {
      throw new IllegalStateException("message already finished");
    }
    finished = true;
    Buffer out = Buffer.buffer(5);
    if (crSent) {
      out.appendByte((byte) '\n');
    } else if (!atLineStart) {
      out.appendString("\r\n");
    }
    crSent = false;
    atLineStart = true;
    return out.appendString(".\r\n");
  }

  private static Buffer appendRun(Buffer out, byte[] in, int from, int to) {
    Buffer target = out == null ? Buffer.buffer(in.length + in.length / 16 + 4) : out;
    return target.appendBytes(in, from, to - from);
  }
}
