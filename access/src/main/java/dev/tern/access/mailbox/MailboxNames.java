package dev.tern.access.mailbox;

import java.util.Locale;

/**
 * Mailbox name rules shared by every backend. The hierarchy delimiter is {@code .} (Maildir++). Names are
 * Unicode (the IMAP layer converts modified UTF-7); {@code INBOX} is case-insensitive and has no children.
 * Refused: empty components ({@code ..}, leading or trailing dot), {@code /} and {@code \}, control
 * characters, IMAP wildcards {@code *} and {@code %}, and names over 255 characters.
 */
public final class MailboxNames {

  public static final char DELIMITER = '.';
  public static final String INBOX = "INBOX";

  private MailboxNames() {
  }

  /** The canonical name, or {@link MailboxException.Reason#BAD_INPUT}. */
  public static String canonical(String name) {
    if (name == null || name.isEmpty()) {
      throw bad("empty mailbox name");
    }
    if (name.equalsIgnoreCase(INBOX)) {
      return INBOX;
    }
    if (name.length() > 255) {
      throw bad("mailbox name longer than 255 characters");
    }
    if (name.toUpperCase(Locale.ROOT).startsWith(INBOX + DELIMITER)) {
      throw bad("INBOX cannot have children in Maildir++: " + name);
    }
    if (name.charAt(0) == DELIMITER || name.charAt(name.length() - 1) == DELIMITER
        || name.contains("" + DELIMITER + DELIMITER)) {
      throw bad("mailbox name has an empty hierarchy level: " + name);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '*' || c == '%') {
        throw bad("mailbox name contains a forbidden character: " + name);
      }
    }
    return name;
  }

  /** The parent's name, or null at the top level. */
  public static String parent(String canonicalName) {
    int dot = canonicalName.lastIndexOf(DELIMITER);
    return dot < 0 ? null : canonicalName.substring(0, dot);
  }

  public static boolean isBelow(String candidate, String ancestor) {
    return candidate.startsWith(ancestor + DELIMITER);
  }

  private static MailboxException bad(String message) {
    return new MailboxException(MailboxException.Reason.BAD_INPUT, message);
  }
}
