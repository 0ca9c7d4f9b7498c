package dev.tern.benchmarks;

import java.io.IOException;

/** The server answered something other than what the transaction needs, or something that is not SMTP. */
public final class SmtpReplyException extends IOException {

  private final int code;

  public SmtpReplyException(String message, int code) {
    super(message);
    this.code = code;
  }

  /** The reply code, or -1 when the reply could not be parsed at all. */
  public int code() {
    return code;
  }
}
