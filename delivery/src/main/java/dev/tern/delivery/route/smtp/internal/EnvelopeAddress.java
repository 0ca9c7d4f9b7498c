package dev.tern.delivery.route.smtp.internal;

/**
 * Checks an envelope address before it is written into a MAIL or RCPT command, so that nothing from a stored
 * envelope can inject commands or break the line: no control characters (CR, LF, NUL...), no spaces or angle
 * brackets outside a quoted local part, one '@' with a non-empty domain, at most 254 octets in UTF-8 (the path
 * limit of RFC 5321 4.5.3.1.3 minus the brackets), and non-ASCII only when SMTPUTF8 will be used.
 */
public final class EnvelopeAddress {

  private static final int MAX_OCTETS = 254;

  private EnvelopeAddress() {}

  /** Null when the address may be written, else why not. The null reverse-path "" is valid only as a sender. */
  public static String problem(String address, boolean sender, boolean utf8Allowed) {
    if (address == null) {
      return "missing address";
    }
    if (address.isEmpty()) {
      return sender ? null : "empty recipient";
    }
    if (address.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_OCTETS) {
      return "address longer than " + MAX_OCTETS + " octets";
    }
    boolean quoted = false;
    int at = -1;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return "control character in address";
      }
      if (c >= 0x80 && !utf8Allowed) {
        return "non-ASCII address without SMTPUTF8";
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        i++;
        if (i >= address.length() || address.charAt(i) < 0x20 || address.charAt(i) == 0x7f) {
          return "bad quoted pair in address";
        }
      } else if (!quoted && (c == ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '(' || c == ')')) {
        return "character '" + c + "' not allowed in address";
      } else if (!quoted && c == '@') {
        at = i;
      }
    }
    if (quoted) {
      return "unterminated quoted local part";
    }
    if (at <= 0 || at == address.length() - 1) {
      return "address needs local-part@domain";
    }
    String domain = address.substring(at + 1);
    if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
      return "malformed domain";
    }
    return null;
  }

  /** True when the address has non-ASCII characters (needs SMTPUTF8). */
  public static boolean nonAscii(String address) {
    for (int i = 0; i < address.length(); i++) {
      if (address.charAt(i) >= 0x80) {
        return true;
      }
    }
    return false;
  }
}
