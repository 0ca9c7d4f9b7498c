package dev.tern.delivery.route.smtp.internal;

import io.vertx.core.buffer.Buffer;

/**
 * Dot-stuffing for DATA (RFC 5321 4.5.2), streaming: a '.' at the start of a line is doubled; nothing else in
 * the message changes, so DKIM signatures survive. A line starts after any LF, not only after CRLF, so that a
 * receiver which treats a bare LF as a line end can never be shown an early end of data (SMTP smuggling).
 * {@link #terminator()} gives the end-of-data sequence, adding the CRLF a body without a final line end needs.
 */
public final class DotStuffer {

  private boolean atLineStart = true;
  private byte last = '\n';
  private long bodyBytes;

  /** The chunk with every line-leading '.' doubled: the chunk itself when it has none (the common case). */
  public Buffer stuff(Buffer chunk) {
    int length = chunk.length();
    if (length == 0) {
      return chunk;
    }
    // One copy of the bytes, then a plain array scan: Buffer.getByte checks bounds and the reference count on
    // every byte, which made this loop the relay's hottest per-byte cost.
    byte[] in = chunk.getBytes();
    Buffer out = null;
    int copied = 0;
    for (int i = 0; i < length; i++) {
      byte b = in[i];
      if (atLineStart && b == '.') {
        if (out == null) {
          out = Buffer.buffer(length + 16);
        }
        out.appendBytes(in, copied, i - copied).appendByte((byte) '.');
        copied = i;
      }
      atLineStart = b == '\n';
    }
    last = in[length - 1];
    bodyBytes += length;
    if (out == null) {
      return chunk;
    }
    return out.appendBytes(in, copied, length - copied);
  }

  /** ".\r\n", preceded by CRLF when the body did not end with a line end. */
  public Buffer terminator() {
    boolean endsWithLineEnd = bodyBytes == 0 || last == '\n';
    return Buffer.buffer(endsWithLineEnd ? ".\r\n" : "\r\n.\r\n");
  }
}
