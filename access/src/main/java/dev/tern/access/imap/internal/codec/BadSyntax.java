package dev.tern.access.imap.internal.codec;

/**
 * Thrown inside the parser at the first syntax error and turned into {@link ImapParseResult.Rejected} before
 * it leaves {@link ImapParser}; the message is the text after {@code tag BAD} and never echoes client bytes
 * beyond a short token.
 */
final class BadSyntax extends RuntimeException {

  BadSyntax(String message) {
    super(message, null, false, false);
  }
}
