package dev.tern.load.smtp;

import dev.tern.load.engine.Outcome;

import java.util.List;

/**
 * One SMTP reply.
 *
 * @param code  the three-digit code
 * @param lines the text of each line after the code and separator
 */
record SmtpReply(int code, List<String> lines) {

  boolean positive() {
    return code >= 200 && code < 300;
  }

  /** The server is shutting the connection down (RFC 5321 §3.8). */
  boolean closing() {
    return code == 421;
  }

  /** The verdict on a transaction by reply class; null for a class that is no verdict (1xx, 3xx). */
  Outcome outcome() {
    return switch (code / 100) {
      case 2 -> Outcome.OK;
      case 4 -> Outcome.TEMPORARY;
      case 5 -> Outcome.PERMANENT;
      default -> null;
    };
  }

  /** The first line, for error messages. */
  @Override
  public String toString() {
    return code + " " + (lines.isEmpty() ? "" : lines.get(0));
  }
}
