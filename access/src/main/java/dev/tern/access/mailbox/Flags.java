package dev.tern.access.mailbox;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Message flags: the RFC 3501 system flags (canonical spelling, matched case-insensitively) and keywords
 * (IMAP atoms, case preserved). {@code \Recent} is session state, never stored, so it is refused.
 */
public final class Flags {

  public static final String SEEN = "\\Seen";
  public static final String ANSWERED = "\\Answered";
  public static final String FLAGGED = "\\Flagged";
  public static final String DELETED = "\\Deleted";
  public static final String DRAFT = "\\Draft";

  public static final List<String> SYSTEM = List.of(ANSWERED, DELETED, DRAFT, FLAGGED, SEEN);

  private static final String ATOM_SPECIALS = "(){ %*\"\\]";

  private Flags() {
  }

  /** Canonical form of each flag; fails with {@link MailboxException.Reason#BAD_INPUT} on anything else. */
  public static Set<String> canonical(Collection<String> flags) {
    Set<String> result = new LinkedHashSet<>();
    for (String flag : flags) {
      result.add(canonical(flag));
    }
    return result;
  }

  public static String canonical(String flag) {
    if (flag == null || flag.isEmpty()) {
      throw bad("empty flag");
    }
    if (flag.charAt(0) == '\\') {
      for (String system : SYSTEM) {
        if (system.toLowerCase(Locale.ROOT).equals(flag.toLowerCase(Locale.ROOT))) {
          return system;
        }
      }
      throw bad("unknown or non-storable system flag " + flag);
    }
    if (flag.length() > 100) {
      throw bad("keyword longer than 100 characters");
    }
    for (int i = 0; i < flag.length(); i++) {
      char c = flag.charAt(i);
      if (c <= 0x20 || c >= 0x7f || ATOM_SPECIALS.indexOf(c) >= 0) {
        throw bad("keyword " + flag + " is not an IMAP atom");
      }
    }
    return flag;
  }

  private static MailboxException bad(String message) {
    return new MailboxException(MailboxException.Reason.BAD_INPUT, message);
  }
}
