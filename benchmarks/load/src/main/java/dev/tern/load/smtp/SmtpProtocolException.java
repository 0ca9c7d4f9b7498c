package dev.tern.load.smtp;

/** The server broke the protocol (bad reply, limit exceeded) or refused the session's set-up. */
final class SmtpProtocolException extends RuntimeException {

  SmtpProtocolException(String message) {
    super(message, null, false, false);
  }
}
