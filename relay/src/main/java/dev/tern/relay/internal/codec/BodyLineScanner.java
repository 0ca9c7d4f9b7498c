package dev.tern.relay.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Reads the DATA phase one CRLF-delimited record at a time (the framer splits on CRLF only, so a bare CR
 * or LF stays inside a record and is seen here). Says whether the record is the end-of-data marker,
 * dot-unstuffs, and remembers what makes the message unacceptable: bare line endings (SMTP smuggling)
 * and over-long lines. Only a record that is exactly "." ends the data, i.e. only CRLF.CRLF.
 */
public final class BodyLineScanner {

  private final int maxTextLineLength;
  private boolean bareLineEnding;
  private boolean lineTooLong;

  /** @param maxTextLineLength longest line including CRLF (RFC 5321 4.5.3.1.6) */
  public BodyLineScanner(int maxTextLineLength) {
    this.maxTextLineLength = maxTextLineLength;
  }

  /** True when this record is the terminating "." line. */
  public static boolean isEndOfData(Buffer record) {
    return record.length() == 1 && record.getByte(0) == '.';
  }

  /**
   * Inspects one record and returns the bytes to store: the record without its leading stuffed dot,
   * followed by CRLF.
   */
  public Buffer unstuff(Buffer record) {
    int length = record.length();
    if (length + 2 > maxTextLineLength) {
      lineTooLong = true;
    }
    // One copy, then array access: Buffer.getByte checks bounds and the reference count for every byte.
    byte[] bytes = record.getBytes();
    if (!bareLineEnding) {
      for (byte b : bytes) {
        if (b == '\r' || b == '\n') {
          bareLineEnding = true;
          break;
        }
      }
    }
    int from = length > 0 && bytes[0] == '.' ? 1 : 0;
    return Buffer.buffer(length - from + 2)
        .appendBytes(bytes, from, length - from)
        .appendByte((byte) '\r').appendByte((byte) '\n');
  }

  public boolean sawBareLineEnding() {
    return bareLineEnding;
  }

  public boolean sawLineTooLong() {
    return lineTooLong;
  }
}
