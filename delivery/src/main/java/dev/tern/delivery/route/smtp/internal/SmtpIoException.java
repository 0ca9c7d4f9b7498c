package dev.tern.delivery.route.smtp.internal;

/**
 * The conversation with a server broke down locally: connection refused or lost, a timeout, a malformed reply.
 * Always temporary for the recipients concerned; {@link #reply()} is the diagnostic recorded for them.
 */
public final class SmtpIoException extends Exception {

  private final String enhancedCode;

  public SmtpIoException(String enhancedCode, String message) {
    super(message, null, false, false);
    this.enhancedCode = enhancedCode;
  }

  public Reply reply() {
    return Reply.local(451, enhancedCode + " " + getMessage());
  }
}
