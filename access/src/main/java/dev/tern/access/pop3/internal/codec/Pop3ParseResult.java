package dev.tern.access.pop3.internal.codec;

import java.util.Objects;

/**
 * The outcome of parsing one line: either a command or a refusal with its kind and a short reason
 * that is safe to send back after "-ERR " (it never echoes the client's text).
 */
public sealed interface Pop3ParseResult {

  record Parsed(Pop3Command command) implements Pop3ParseResult {
    public Parsed {
      Objects.requireNonNull(command);
    }
  }

  record Rejected(Pop3SyntaxError error, String reason) implements Pop3ParseResult {
    public Rejected {
      Objects.requireNonNull(error);
      Objects.requireNonNull(reason);
    }
  }

  static Pop3ParseResult rejected(Pop3SyntaxError error, String reason) {
    return new Rejected(error, reason);
  }
}
