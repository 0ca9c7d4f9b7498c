package dev.tern.delivery.dsn;

import dev.tern.delivery.BodyStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * Reads a stored message's header block (up to, not including, the blank line) for the text/rfc822-headers part of a
 * DSN. Stops reading as soon as the block ends or {@code maxBytes} are read, and then cuts at the last complete line,
 * so a huge or header-only message never costs more than the bound.
 */
public final class OriginalHeaders {

  /** Enough for any real header block; more is cut at the last whole line. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private OriginalHeaders() {}

  /** Completes with the header lines, CRLF after each; closes the stream in every case. */
  public static Future<byte[]> read(BodyStream body, int maxBytes) {
    Promise<byte[]> promise = Promise.promise();
    Buffer seen = Buffer.buffer();
    body.exceptionHandler(e -> {
      body.close();
      promise.tryFail(e);
    });
    body.endHandler(v -> promise.tryComplete(headerBlock(seen, maxBytes)));
    body.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      seen.appendBuffer(chunk);
      int end = blankLine(seen);
      if (end >= 0 || seen.length() >= maxBytes) {
        body.close();
        promise.tryComplete(headerBlock(seen, maxBytes));
      }
    });
    return promise.future();
  }

  /** Whatever precedes the first blank line, bounded and ending in a whole line. */
  public static byte[] headerBlock(Buffer bytes, int maxBytes) {
    int end = blankLine(bytes);
    int limit = end >= 0 ? end : bytes.length();
    limit = Math.min(limit, maxBytes);
    if (end < 0 || end > maxBytes) {
      int lastLf = -1;
      for (int i = 0; i < limit; i++) {
        if (bytes.getByte(i) == '\n') {
          lastLf = i;
        }
      }
      limit = lastLf + 1;
    }
    return bytes.getBytes(0, limit);
  }

  /** Offset just after the line break that precedes the blank line, or -1 when the block has not ended yet. */
  private static int blankLine(Buffer bytes) {
    if (bytes.length() > 0 && (bytes.getByte(0) == '\n' || bytes.getByte(0) == '\r')) {
      return 0;
    }
    for (int i = 0; i + 1 < bytes.length(); i++) {
      if (bytes.getByte(i) != '\n') {
        continue;
      }
      byte next = bytes.getByte(i + 1);
      if (next == '\n' || (next == '\r' && i + 2 < bytes.length() && bytes.getByte(i + 2) == '\n')) {
        return i + 1;
      }
    }
    return -1;
  }
}
