package dev.tern.benchmarks.imap;

import java.io.IOException;

/** The server answered NO or BAD, or something that is not IMAP: the benchmark run must fail. */
public final class ImapReplyException extends IOException {

  public ImapReplyException(String message) {
    super(message);
  }
}
