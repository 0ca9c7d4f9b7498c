package dev.tern.access.imap.internal.codec;

import java.util.Objects;

/** The outcome of parsing one command: the command, or a reason for {@code tag BAD reason}. */
public sealed interface ImapParseResult {

  record Parsed(String tag, ImapCommand command) implements ImapParseResult {
    public Parsed {
      Objects.requireNonNull(tag);
      Objects.requireNonNull(command);
    }
  }

  /**
   * A refused command. {@code tag} is null when no valid tag could be read (answer with {@code * BAD}); the
   * reason is short, fit to send, and never repeats the client's arguments.
   */
  record Rejected(String tag, String reason) implements ImapParseResult {
    public Rejected {
      Objects.requireNonNull(reason);
    }
  }
}
