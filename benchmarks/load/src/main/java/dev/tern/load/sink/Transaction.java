package dev.tern.load.sink;

import dev.tern.load.sink.FaultSchedule.Verdict;
import io.vertx.core.buffer.Buffer;

/** One mail transaction's state, from MAIL to the end of its message or RSET. Owned by one {@link SmtpDialog}. */
final class Transaction {

  /** Capture stops once a message is this far past the size limit: it will be refused anyway. */
  private static final int CAPTURE_SLACK = 1024;

  boolean active;
  boolean smtpUtf8;
  int recipients;
  /** Whether some RCPT had a valid address, so that "no valid recipients" can be told from "no RCPT yet". */
  boolean recipientTried;
  /** The injected verdict, when it was taken at the first RCPT. */
  Verdict verdict;
  /** A BDAT (not LAST) was accepted: only BDAT, RSET, NOOP and QUIT make sense until the last chunk. */
  boolean chunking;
  boolean lastChunk;
  long chunkedSize;
  /** The reply owed once a refused BDAT's chunk has been read and dropped. */
  byte[] chunkRefusal;
  /** The message as received, kept only for the spool. */
  Buffer content;
  private boolean capturing;
  private long captureLimit;

  void begin(boolean smtpUtf8, boolean capture, long maxMessageSize) {
    reset();
    active = true;
    this.smtpUtf8 = smtpUtf8;
    capturing = capture;
    captureLimit = maxMessageSize + CAPTURE_SLACK;
  }

  void capture(byte[] in, int from, int to) {
    if (!capturing || chunkRefusal != null) {
      return;
    }
    if (content == null) {
      content = Buffer.buffer(Math.max(256, to - from));
    }
    if (content.length() + (long) (to - from) > captureLimit) {
      capturing = false;
      content = null;
      return;
    }
    content.appendBytes(in, from, to - from);
  }

  void reset() {
    active = false;
    smtpUtf8 = false;
    recipients = 0;
    recipientTried = false;
    verdict = null;
    chunking = false;
    lastChunk = false;
    chunkedSize = 0;
    content = null;
    capturing = false;
  }
}
