package dev.tern.relay.internal.codec;

import io.vertx.core.buffer.Buffer;

/**
 * Watches the header section of a message as its bytes stream past, in any chunking: measures it and
 * counts Received: fields (mail-loop detection). The section ends at the first empty line (CRLF CRLF,
 * or a bare LF line for BINARYMIME bodies).
 */
public final class HeaderInspector {

  private static final byte[] RECEIVED = "received:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private boolean inHeader = true;
  private long headerBytes;
  private int receivedCount;
  /** Bytes of the current line seen so far; -1 once the line can no longer be "Received:". */
  private int linePosition;
  private boolean lineMatches = true;
  private boolean lineEmptySoFar = true;

  public void feed(Buffer chunk) {
    for (int i = 0; i < chunk.length() && inHeader; i++) {
      byte b = chunk.getByte(i);
      headerBytes++;
      if (b == '\n') {
        if (lineEmptySoFar) {
          inHeader = false;
        }
        linePosition = 0;
        lineMatches = true;
        lineEmptySoFar = true;
        continue;
      }
      if (b != '\r') {
        lineEmptySoFar = false;
      }
      if (lineMatches && linePosition < RECEIVED.length) {
        lineMatches = Character.toLowerCase((char) (b & 0xff)) == RECEIVED[linePosition];
        if (lineMatches && linePosition == RECEIVED.length - 1) {
          receivedCount++;
        }
      }
      linePosition++;
    }
  }

  /** Bytes of the header section seen so far (all of it once {@link #headerComplete()}). */
  public long headerBytes() {
    return headerBytes;
  }

  public int receivedCount() {
    return receivedCount;
  }

  public boolean headerComplete() {
    return !inHeader;
  }
}
