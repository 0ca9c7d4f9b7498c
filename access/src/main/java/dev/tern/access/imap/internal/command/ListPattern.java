package dev.tern.access.imap.internal.command;

import dev.tern.access.mailbox.MailboxNames;

import java.util.Locale;

/**
 * A LIST or LSUB pattern (RFC 3501 section 6.3.8): the reference and the mailbox argument joined, both already
 * decoded from modified UTF-7, with "*" matching anything and "%" anything but the hierarchy delimiter.
 * Matching is case-sensitive except against INBOX, whose name is case-insensitive.
 *
 * <p>The client controls the pattern, so matching is a table walk in (pattern length x name length), never a
 * backtracking search: runs of wildcards are folded into one first, and a pattern needing more literal
 * characters than a mailbox name can have matches nothing without being walked.
 */
final class ListPattern {

  /** Longest name the store accepts ({@link MailboxNames}). */
  private static final int MAX_NAME = 255;

  private final String pattern;
  private final boolean trailingPercent;
  private final boolean hopeless;

  private ListPattern(String combined) {
    this.trailingPercent = combined.endsWith("%");
    this.pattern = fold(combined);
    int literals = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (!isWildcard(pattern.charAt(i))) {
        literals++;
      }
    }
    this.hopeless = literals > MAX_NAME;
  }

  /** Reference and mailbox argument joined as the RFC's examples do ("Work." and "%" is "Work.%"). */
  static ListPattern of(String reference, String mailbox) {
    return new ListPattern(reference + mailbox);
  }

  /**
   * A trailing "%" also asks for the hierarchy levels above existing names (RFC 3501 6.3.8 and 6.3.9), which
   * are listed even when no mailbox of that name exists.
   */
  boolean endsWithPercent() {
    return trailingPercent;
  }

  boolean matches(String name) {
    if (hopeless) {
      return false;
    }
    if (MailboxNames.INBOX.equals(name)) {
      return matches(pattern.toUpperCase(Locale.ROOT), name);
    }
    return matches(pattern, name);
  }

  /** One row per name character; {@code row[j]}: the first j pattern characters match the name so far. */
  private static boolean matches(String pattern, String name) {
    int m = pattern.length();
    boolean[] row = new boolean[m + 1];
    row[0] = true;
    for (int j = 1; j <= m && isWildcard(pattern.charAt(j - 1)); j++) {
      row[j] = true;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean[] next = new boolean[m + 1];
      for (int j = 1; j <= m; j++) {
        char p = pattern.charAt(j - 1);
        if (p == '*') {
          next[j] = next[j - 1] || row[j];
        } else if (p == '%') {
          next[j] = next[j - 1] || (row[j] && c != MailboxNames.DELIMITER);
        } else {
          next[j] = row[j - 1] && p == c;
        }
      }
      row = next;
    }
    return row[m];
  }

  /** "%%" is "%", and any run holding a "*" is "*". */
  private static String fold(String combined) {
    StringBuilder out = new StringBuilder(combined.length());
    int i = 0;
    while (i < combined.length()) {
      char c = combined.charAt(i);
      if (!isWildcard(c)) {
        out.append(c);
        i++;
        continue;
      }
      boolean star = false;
      while (i < combined.length() && isWildcard(combined.charAt(i))) {
        star |= combined.charAt(i) == '*';
        i++;
      }
      out.append(star ? '*' : '%');
    }
    return out.toString();
  }

  private static boolean isWildcard(char c) {
    return c == '*' || c == '%';
  }
}
