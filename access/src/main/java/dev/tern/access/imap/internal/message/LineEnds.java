package dev.tern.access.imap.internal.message;

import java.util.Arrays;

/**
 * Turns stored bytes into the bytes IMAP sends: every bare LF and every bare CR becomes CRLF (the rule of the
 * store's wire size, so RFC822.SIZE and the BODY[] literal agree for files other tools wrote with bare LF).
 * Messages Tern stored itself already end their lines with CRLF and pass through without a copy. Stateful:
 * a CR at the end of one chunk is judged by the first byte of the next, so one instance serves one message
 * read front to back.
 */
public final class LineEnds {

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] LF_ONLY = {LF};

  private boolean afterCr;

  /** The whole message at once (it was read into memory). */
  public static byte[] normalise(byte[] message) {
    LineEnds ends = new LineEnds();
    byte[] body = ends.next(message, 0, message.length);
    byte[] tail = ends.finish();
    if (tail.length == 0) {
      return body;
    }
    byte[] out = Arrays.copyOf(body, body.length + tail.length);
    System.arraycopy(tail, 0, out, body.length, tail.length);
    return out;
  }

  /**
   * The next chunk with its line ends fixed. When nothing needs fixing and the chunk is the whole array, the
   * array itself is returned.
   */
  public byte[] next(byte[] chunk, int offset, int length) {
    if (alreadyCrlf(chunk, offset, length)) {
      afterCr = length > 0 ? chunk[offset + length - 1] == CR : afterCr;
      return offset == 0 && length == chunk.length ? chunk : Arrays.copyOfRange(chunk, offset, offset + length);
    }
    int extra = 0;
    boolean cr = afterCr;
    for (int i = offset; i < offset + length; i++) {
      byte b = chunk[i];
      if (cr && b != LF) {
        extra++; // the CR before was bare
      }
      if (b == LF && !cr) {
        extra++; // a bare LF
      }
      cr = b == CR;
    }
    byte[] out = new byte[length + extra];
    int o = 0;
    for (int i = offset; i < offset + length; i++) {
      byte b = chunk[i];
      if (afterCr && b != LF) {
        out[o++] = LF;
      }
      if (b == LF && !afterCr) {
        out[o++] = CR;
      }
      out[o++] = b;
      afterCr = b == CR;
    }
    return out;
  }

  /**
   * Whether the chunk needs no change: every CR is followed by LF and every LF preceded by CR (a CR as the last
   * byte is judged with the next chunk). The common case, so it is one tight loop with a rarely taken branch.
   */
  private boolean alreadyCrlf(byte[] chunk, int offset, int length) {
    int end = offset + length;
    int i = offset;
    if (afterCr && length > 0) {
      if (chunk[i] != LF) {
        return false;
      }
      i++;
    }
    for (; i < end; i++) {
      byte b = chunk[i];
      if (b == CR || b == LF) {
        if (b == LF || (i + 1 < end && chunk[i + 1] != LF)) {
          return false;
        }
        i++; // the LF of this CRLF (or past the end for a CR ending the chunk)
      }
    }
    return true;
  }

  /** What the end of the message adds: the LF of a bare CR that was the last byte. */
  public byte[] finish() {
    boolean bare = afterCr;
    afterCr = false;
    return bare ? LF_ONLY.clone() : new byte[0];
  }
}
