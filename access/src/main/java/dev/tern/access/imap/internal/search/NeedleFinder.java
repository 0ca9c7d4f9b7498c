package dev.tern.access.imap.internal.search;

import java.util.HashSet;
import java.util.Set;

/**
 * Looks for several folded strings at once in text fed in pieces, so a body is searched as it is decoded,
 * never held whole: each piece is searched together with the tail of the one before, long enough for a
 * match across the seam. {@link #endOfText()} separates texts (body parts) a match must not span.
 */
final class NeedleFinder {

  private final Set<String> missing;
  private final Set<String> found = new HashSet<>();
  private final int overlap;
  /** The folded end of the text so far that a match continuing into the next piece could start in. */
  private String carry = "";

  NeedleFinder(Set<String> foldedNeedles) {
    this.missing = new HashSet<>(foldedNeedles);
    int longest = 0;
    for (String needle : foldedNeedles) {
      longest = Math.max(longest, needle.length());
    }
    this.overlap = Math.max(0, longest - 1);
    if (missing.remove("")) {
      found.add(""); // every text contains the empty string
    }
  }

  void feed(char[] chars, int length) {
    if (missing.isEmpty()) {
      return;
    }
    char[] text = new char[carry.length() + length];
    carry.getChars(0, carry.length(), text, 0);
    for (int i = 0; i < length; i++) {
      text[carry.length() + i] = TextFolding.fold(chars[i]);
    }
    search(new String(text));
  }

  void feed(String text) {
    feed(text.toCharArray(), text.length());
  }

  void endOfText() {
    carry = "";
  }

  boolean allFound() {
    return missing.isEmpty();
  }

  Set<String> found() {
    return found;
  }

  private void search(String text) {
    missing.removeIf(needle -> {
      if (text.contains(needle)) {
        found.add(needle);
        return true;
      }
      return false;
    });
    carry = text.length() > overlap ? text.substring(text.length() - overlap) : text;
  }
}
