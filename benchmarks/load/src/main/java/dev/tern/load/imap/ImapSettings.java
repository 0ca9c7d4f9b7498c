package dev.tern.load.imap;

import dev.tern.load.engine.Credentials;
import dev.tern.load.mailbox.CredentialsCheck;
import dev.tern.load.mailbox.MailTarget;

import java.util.Objects;

/**
 * What an IMAP load session does: where it connects, how it logs in, which mailbox it selects, and what one fetch
 * cycle fetches.
 *
 * @param saslPlain  AUTHENTICATE PLAIN instead of LOGIN
 * @param envelopes  envelopes fetched per cycle: the last N messages, {@link #ALL_MESSAGES}, or 0 for none
 * @param bodies     whole messages (BODY.PEEK[]) fetched per cycle, picked from the mailbox by {@code seed}
 * @param reselect   SELECT the mailbox again at the start of every cycle
 * @param seed       makes the picked bodies the same from run to run
 */
public record ImapSettings(MailTarget target, Credentials credentials, boolean saslPlain, String mailbox,
                           long envelopes, int bodies, boolean reselect, long seed) {

  public static final long ALL_MESSAGES = -1;

  public ImapSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(credentials, "credentials");
    CredentialsCheck.lineSafe(credentials);
    Objects.requireNonNull(mailbox, "mailbox");
    if (mailbox.isEmpty() || !printableAscii(mailbox)) {
      throw new IllegalArgumentException("the mailbox name must be printable ASCII (modified UTF-7 for others)");
    }
    if (!saslPlain && !(printableAscii(credentials.user()) && printableAscii(credentials.password()))) {
      // LOGIN takes IMAP quoted strings, which are 7-bit; AUTHENTICATE PLAIN carries UTF-8.
      throw new IllegalArgumentException("LOGIN needs a printable ASCII user name and password; use --sasl-plain");
    }
    if (envelopes < 0 && envelopes != ALL_MESSAGES) {
      throw new IllegalArgumentException("envelopes must be a count or all");
    }
    if (bodies < 0) {
      throw new IllegalArgumentException("bodies must not be negative");
    }
  }

  private static boolean printableAscii(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
