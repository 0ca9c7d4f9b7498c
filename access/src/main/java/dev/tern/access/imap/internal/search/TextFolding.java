package dev.tern.access.imap.internal.search;

/**
 * Case-insensitive matching as SEARCH wants it: both sides are folded char by char (upper then lower case, so
 * pairs like 'ß'/'ẞ' or the Greek sigmas meet), which keeps lengths equal and lets a folded needle be found in
 * folded text with {@code indexOf}.
 */
final class TextFolding {

  private TextFolding() {
  }

  static char fold(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  static String fold(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = fold(chars[i]);
    }
    return new String(chars);
  }
}
