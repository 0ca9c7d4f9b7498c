package dev.tern.access.pop3.internal.codec;

/** The shape of a SASL response on a POP3 line, checked before decoding so junk is refused early. */
final class Base64Syntax {

  private Base64Syntax() {
  }

  /** Base64 alphabet with padding, or "=" alone; the decoder does the full length/padding check. */
  static boolean isBase64OrEmpty(String text) {
    if (text.equals("=")) {
      return true;
    }
    if (text.isEmpty() || text.length() % 4 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      boolean padding = c == '=' && i >= text.length() - 2;
      if (!alphabet && !padding) {
        return false;
      }
    }
    return true;
  }
}
