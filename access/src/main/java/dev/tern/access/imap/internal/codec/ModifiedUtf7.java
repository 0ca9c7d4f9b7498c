package dev.tern.access.imap.internal.codec;

/**
 * Mailbox names on the wire (RFC 3501 section 5.1.3): printable US-ASCII stands for itself, "&-" for "&", and
 * any other run of characters is "&", the modified base64 of its UTF-16BE form (',' instead of '/', no
 * padding) and "-". Decoding is strict about shape (unterminated shifts, stray bytes, leftover bits) but
 * accepts non-minimal encodings such as an encoded printable character, as the RFC lets servers do.
 */
public final class ModifiedUtf7 {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = i;
    }
  }

  private ModifiedUtf7() {
  }

  /** Encodes a mailbox name for the wire. */
  public static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c == '&') {
        out.append("&-");
        i++;
      } else if (c >= 0x20 && c <= 0x7e) {
        out.append(c);
        i++;
      } else {
        int end = i;
        while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
          end++;
        }
        out.append('&');
        encodeRun(name, i, end, out);
        out.append('-');
        i = end;
      }
    }
    return out.toString();
  }

  private static void encodeRun(String name, int from, int to, StringBuilder out) {
    int bits = 0;
    int buffer = 0;
    for (int i = from; i < to; i++) {
      char c = name.charAt(i);
      buffer = (buffer << 16) | c;
      bits += 16;
      while (bits >= 6) {
        bits -= 6;
        out.append(ALPHABET[(buffer >>> bits) & 0x3f]);
      }
      buffer &= (1 << bits) - 1;
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (6 - bits)) & 0x3f]);
    }
  }

  /**
   * Decodes a wire mailbox name.
   *
   * @throws IllegalArgumentException with a short reason if the text is not modified UTF-7
   */
  public static String decode(String wire) {
    StringBuilder out = new StringBuilder(wire.length());
    int i = 0;
    while (i < wire.length()) {
      char c = wire.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("mailbox name has a character outside printable US-ASCII");
      }
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = wire.indexOf('-', i + 1);
      if (end < 0) {
        throw new IllegalArgumentException("mailbox name has an unterminated '&' shift");
      }
      if (end == i + 1) {
        out.append('&');
      } else {
        decodeRun(wire, i + 1, end, out);
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static void decodeRun(String wire, int from, int to, StringBuilder out) {
    int bits = 0;
    int buffer = 0;
    int start = out.length();
    for (int i = from; i < to; i++) {
      char c = wire.charAt(i);
      int value = c < 128 ? VALUES[c] : -1;
      if (value < 0) {
        throw new IllegalArgumentException("mailbox name has a bad character in a '&' shift");
      }
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        out.append((char) ((buffer >>> bits) & 0xffff));
        buffer &= (1 << bits) - 1;
      }
    }
    if (bits >= 6 || buffer != 0) {
      throw new IllegalArgumentException("mailbox name has a '&' shift with leftover bits");
    }
    requireWellFormedUtf16(out, start);
  }

  private static void requireWellFormedUtf16(StringBuilder out, int start) {
    for (int i = start; i < out.length(); i++) {
      char c = out.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(i + 1))) {
          throw new IllegalArgumentException("mailbox name has a broken UTF-16 surrogate pair");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("mailbox name has a broken UTF-16 surrogate pair");
      }
    }
  }
}
