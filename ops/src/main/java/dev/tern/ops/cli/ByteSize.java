package dev.tern.ops.cli;

/**
 * Sizes as operators type them: a number of bytes, or a whole number with K, M or G (binary multiples, 1K = 1024
 * bytes, the way Dovecot and du count). Formatting picks the largest unit that divides the size exactly, so what
 * is printed can be typed back in.
 */
final class ByteSize {

  private static final String UNITS = "KMG";

  private ByteSize() {}

  /** A positive size; anything else is a {@link UserError} naming the accepted forms. */
  static long parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (!trimmed.matches("[0-9]{1,19}[KkMmGg]?")) {
      throw invalid(text);
    }
    char last = Character.toUpperCase(trimmed.charAt(trimmed.length() - 1));
    int unit = UNITS.indexOf(last);
    String digits = unit < 0 ? trimmed : trimmed.substring(0, trimmed.length() - 1);
    try {
      long bytes = Math.multiplyExact(Long.parseLong(digits), 1L << (10 * (unit + 1)));
      if (bytes <= 0) {
        throw new UserError("size must be more than 0 bytes: " + text);
      }
      return bytes;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UserError("size too large: " + text);
    }
  }

  static String format(long bytes) {
    int unit = -1;
    long value = bytes;
    while (unit < UNITS.length() - 1 && value != 0 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return unit < 0 ? Long.toString(value) : value + String.valueOf(UNITS.charAt(unit));
  }

  private static UserError invalid(String text) {
    return new UserError("invalid size \"" + text + "\": give bytes, or a whole number with K, M or G (e.g. 512K, 10M, 2G)");
  }
}
