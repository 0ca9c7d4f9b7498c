package dev.tern.access.pop3.internal.codec;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A syntactically valid POP3 command. Each verb has its own record carrying typed arguments, so the
 * session never re-parses text; {@link #verb()} lets it dispatch with a plain switch.
 */
public sealed interface Pop3Command {

  Pop3Verb verb();

  /** USER name. */
  record User(String name) implements Pop3Command {
    public User {
      Objects.requireNonNull(name);
    }

    @Override
    public Pop3Verb verb() {
      return Pop3Verb.USER;
    }
  }

  /** PASS: the whole rest of the line, spaces included (RFC 1939 section 7). */
  record Pass(String password) implements Pop3Command {
    public Pass {
      Objects.requireNonNull(password);
    }

    @Override
    public Pop3Verb verb() {
      return Pop3Verb.PASS;
    }

    @Override
    public String toString() {
      return "Pass[<hidden>]";
    }
  }

  /** APOP name digest, the digest being 32 lower-case hex digits (normalised here). */
  record Apop(String name, String digest) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.APOP;
    }
  }

  /** LIST with an optional message number (named apart from java.util.List to spare imports). */
  record Listing(OptionalInt message) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.LIST;
    }
  }

  /** UIDL with an optional message number. */
  record Uidl(OptionalInt message) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.UIDL;
    }
  }

  /** RETR n. */
  record Retr(int message) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.RETR;
    }
  }

  /** DELE n. */
  record Dele(int message) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.DELE;
    }
  }

  /** TOP n lines: headers, the blank line and the first {@code lines} body lines of message n. */
  record Top(int message, int lines) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.TOP;
    }
  }

  /** AUTH mechanism [initial-response]; the mechanism is upper-cased, the response kept as sent. */
  record Auth(String mechanism, Optional<String> initialResponse) implements Pop3Command {
    @Override
    public Pop3Verb verb() {
      return Pop3Verb.AUTH;
    }

    @Override
    public String toString() {
      return "Auth[" + mechanism + (initialResponse.isPresent() ? ", <initial response>]" : "]");
    }
  }

  /** A command without arguments: STAT, NOOP, RSET, QUIT, CAPA, STLS, and AUTH alone (list mechanisms). */
  record Bare(Pop3Verb verb) implements Pop3Command {
  }
}
