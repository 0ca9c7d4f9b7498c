package dev.tern.access.imap.internal.codec;

/** Character classes of RFC 3501 section 9 (formal syntax), for parsing and for choosing how to send strings. */
final class ImapSyntax {

  private ImapSyntax() {
  }

  /** ATOM-CHAR: a 7-bit printable character other than the atom-specials. */
  static boolean isAtomChar(int c) {
    return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
        && c != '\\' && c != ']';
  }

  /** ASTRING-CHAR: ATOM-CHAR or "]". */
  static boolean isAstringChar(int c) {
    return isAtomChar(c) || c == ']';
  }

  /** list-char: ASTRING-CHAR or a list wildcard. */
  static boolean isListChar(int c) {
    return isAstringChar(c) || c == '%' || c == '*';
  }

  /** A tag: one or more ASTRING-CHARs other than "+". */
  static boolean isTag(String tag) {
    if (tag.isEmpty()) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (!isAstringChar(c) || c == '+') {
        return false;
      }
    }
    return true;
  }
}
