package dev.tern.relay.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Finds bare CR or bare LF in a byte stream fed in arbitrary chunks (BDAT bodies, which are not
 * line-framed). A CR at the end of one chunk followed by LF at the start of the next is a proper CRLF.
 */
public final class LineEndingChecker {

  private boolean pendingCr;
  private boolean bare;

  public void feed(Buffer chunk) {
    for (int i = 0; i < chunk.length() && !bare; i++) {
      byte b = chunk.getByte(i);
      if (pendingCr) {
        pendingCr = false;
        if (b != '\n') {
          bare = true;
          break;
        }
        continue;
      }
      if (b == '\r') {
        pendingCr = true;
      } else if (b == '\n') {
        bare = true;
      }
    }
  }

  /** True once a bare CR or LF was seen; call after the last chunk to include a trailing CR. */
  public boolean sawBareLineEnding(boolean endOfBody) {
    return bare || (endOfBody && pendingCr);
  }
}
