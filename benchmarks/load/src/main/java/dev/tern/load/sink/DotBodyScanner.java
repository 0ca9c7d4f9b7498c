package dev.tern.load.sink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a DATA body (RFC 5321 section 4.1.1.4): only CRLF "." CRLF ends it. A "." line ended by a bare
 * LF, or a bare LF followed by ".", is ordinary content, so a message cannot smuggle a second one past a server
 * that reads line endings differently. Counts the message size after dot-unstuffing (section 4.5.2) as it goes,
 * without copying or decoding the bytes, and keeps its state across reads.
 */
final class DotBodyScanner {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long EIGHT_CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long EIGHT_ONES = 0x0101010101010101L;
  private static final long EIGHT_HIGH_BITS = 0x8080808080808080L;

  private static final int MID_LINE = 0;
  private static final int CR = 1;
  private static final int LINE_START = 2;
  private static final int DOT = 3;
  private static final int DOT_CR = 4;

  /** The terminating "." CRLF, which the consumed count includes but the message does not. */
  private static final int TERMINATOR_OCTETS = 3;

  private int state = LINE_START;
  private long consumed;
  private long unstuffedDots;

  /** Starts a new body: the 354 reply puts the client at the start of a line. */
  void reset() {
    state = LINE_START;
    consumed = 0;
    unstuffedDots = 0;
  }

  /**
   * Scans {@code in[from, to)}. Returns the index just past the terminating CRLF "." CRLF, or -1 when the body goes
   * on past {@code to}.
   */
  int scan(byte[] in, int from, int to) {
    int s = state;
    int i = from;
    int end = -1;
    while (i < to) {
      if (s == MID_LINE) {
        i = indexOfCarriageReturn(in, i, to);
        if (i == to) {
          break;
        }
        i++;
        s = CR;
        continue;
      }
      byte b = in[i++];
      switch (s) {
        case CR -> s = b == '\n' ? LINE_START : b == '\r' ? CR : MID_LINE;
        case LINE_START -> s = b == '.' ? DOT : b == '\r' ? CR : MID_LINE;
        case DOT -> {
          if (b == '\r') {
            s = DOT_CR;
          } else {
            unstuffedDots++;
            s = MID_LINE;
          }
        }
        default -> {
          if (b == '\n') {
            end = i;
          } else {
            unstuffedDots++;
            s = b == '\r' ? CR : MID_LINE;
          }
        }
      }
      if (end >= 0) {
        break;
      }
    }
    consumed += i - from;
    state = end >= 0 ? LINE_START : s;
    return end;
  }

  /**
   * The index of the first CR in {@code in[from, to)}, or {@code to}. Looks at eight octets at a time: this loop is
   * where the sink spends its time on bodies.
   */
  static int indexOfCarriageReturn(byte[] in, int from, int to) {
    int i = from;
    while (i + Long.BYTES <= to) {
      long differences = (long) LONGS.get(in, i) ^ EIGHT_CRS;
      // The lowest set bit marks the first octet that was a CR (the classic "has a zero byte" test).
      long zeros = (differences - EIGHT_ONES) & ~differences & EIGHT_HIGH_BITS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
      i += Long.BYTES;
    }
    while (i < to && in[i] != '\r') {
      i++;
    }
    return i;
  }

  /**
   * The message size so far: octets consumed less the removed stuffing dots and, once the end was found, less the
   * terminator.
   */
  long size(boolean ended) {
    return consumed - unstuffedDots - (ended ? TERMINATOR_OCTETS : 0);
  }
}
