package dev.tern.load.pop3;

import dev.tern.load.engine.Credentials;
import dev.tern.load.mailbox.CredentialsCheck;
import dev.tern.load.mailbox.MailTarget;

import java.util.Objects;

/**
 * What one POP3 download does: where it connects, how it logs in, how many messages it retrieves, and whether each
 * retrieved message's size is checked against what LIST said.
 *
 * @param saslPlain AUTH PLAIN (RFC 5034, with an initial response) instead of USER/PASS
 * @param retr      messages retrieved per session, the first ones LIST names; {@link #ALL_MESSAGES} for all
 * @param verify    a retrieved message whose octet count differs from its LIST size is a refusal for good
 * @param pipeline  RETR commands outstanding at once when the server offers PIPELINING (RFC 2449); 1 = one at a time
 */
public record Pop3Settings(MailTarget target, Credentials credentials, boolean saslPlain, int retr,
                           boolean verify, int pipeline) {

  public static final int ALL_MESSAGES = -1;

  /** One command at a time, as RFC 1939 clients talk. */
  public Pop3Settings(MailTarget target, Credentials credentials, boolean saslPlain, int retr, boolean verify) {
    this(target, credentials, saslPlain, retr, verify, 1);
  }

  public Pop3Settings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(credentials, "credentials");
    CredentialsCheck.lineSafe(credentials);
    if (pipeline < 1) {
      throw new IllegalArgumentException("pipeline must be at least 1, not " + pipeline);
    }
    if (retr < 0 && retr != ALL_MESSAGES) {
      throw new IllegalArgumentException("retr must be a count or all");
    }
    if (credentials.user().indexOf(' ') >= 0 && !saslPlain) {
      // USER takes the rest of the line, but servers split arguments at spaces (RFC 1939 section 3).
      throw new IllegalArgumentException("USER cannot carry a user name with spaces; use --sasl-plain");
    }
  }
}
