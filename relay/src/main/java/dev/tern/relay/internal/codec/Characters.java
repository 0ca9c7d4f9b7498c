package dev.tern.relay.internal.codec;

/** Character classes of RFC 5321/5322/6531, and the characters we never accept in an address. */
final class Characters {

  private Characters() {
  }

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  /** RFC 5322 atext, plus UTF8-non-ascii (RFC 6531) that is visible. */
  static boolean isAtext(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
          || ATEXT_SPECIALS.indexOf(cp) >= 0;
    }
    return !isForbidden(cp);
  }

  /**
   * Controls, and characters that are invisible or reorder text, so that an address could look like a
   * different one: zero-width and bidi marks, the soft hyphen, line/paragraph separators, BOM,
   * variation selectors, tags, non-ASCII spaces.
   */
  static boolean isForbidden(int cp) {
    if (cp < 0x20 || cp == 0x7f) {
      return true;
    }
    if (cp < 0x80) {
      return false;
    }
    int type = Character.getType(cp);
    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
      return true;
    }
    return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
        || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF
        || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF);
  }
}
