package dev.tern.access.pop3.internal.codec;

/** Plain decimal numbers as POP3 arguments: digits only, no sign, within int range. */
final class MessageNumbers {

  /** Ten digits cover Integer.MAX_VALUE; more is out of range without needing to parse it. */
  private static final int MAX_DIGITS = 10;

  private MessageNumbers() {
  }

  /** The value, or -1 when the text is not digits, has more than ten of them, or is below minimum. */
  static long parse(String text, int minimum) {
    if (text.isEmpty() || text.length() > MAX_DIGITS) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value < minimum || value > Integer.MAX_VALUE ? -1 : value;
  }
}
