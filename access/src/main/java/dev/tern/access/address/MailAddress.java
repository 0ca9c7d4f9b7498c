package dev.tern.access.address;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox address in canonical form, {@code local@domain}.
 *
 * <p>Case: the domain is case-insensitive (DNS). RFC 5321 lets the local part be case-sensitive, but
 * like most MTAs we fold it to lower case, so {@code Alice@Example.COM} and {@code alice@example.com}
 * are one account. Local parts are dot-atoms (RFC 5322 atext, plus UTF-8 per RFC 6531); a quoted local
 * part is accepted when its content is itself a dot-atom ({@code "bob"@x} is {@code bob@x}).
 */
public record MailAddress(String localPart, String domain) {

  private static final int MAX_LOCAL_OCTETS = 64;
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  public MailAddress {
    localPart = checkLocalPart(localPart);
    domain = DomainNames.normalize(domain);
  }

  /** Parses, or throws {@link IllegalArgumentException} with a message fit for a command line user. */
  public static MailAddress parse(String address) {
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw new IllegalArgumentException("invalid address (expected local@domain): " + address);
    }
    String local = unquote(address.substring(0, at));
    try {
      return new MailAddress(local, address.substring(at + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid address " + address + ": " + e.getMessage());
    }
  }

  /** Parses leniently for lookups of addresses that arrive over the wire: empty instead of an exception. */
  public static Optional<MailAddress> tryParse(String address) {
    try {
      return Optional.of(parse(address));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when {@code localPart} is a valid, already folded dot-atom. */
  public static boolean isValidLocalPart(String localPart) {
    try {
      return checkLocalPart(localPart).equals(localPart);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return localPart + "@" + domain;
  }

  private static String unquote(String local) {
    if (local.length() < 2 || local.charAt(0) != '"' || local.charAt(local.length() - 1) != '"') {
      return local;
    }
    StringBuilder plain = new StringBuilder(local.length());
    for (int i = 1; i < local.length() - 1; i++) {
      char c = local.charAt(i);
      if (c == '\\' && i + 1 < local.length() - 1) {
        c = local.charAt(++i);
      }
      plain.append(c);
    }
    return plain.toString();
  }

  private static String checkLocalPart(String local) {
    if (local == null || local.isEmpty()) {
      throw new IllegalArgumentException("empty local part");
    }
    if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS) {
      throw new IllegalArgumentException("local part longer than " + MAX_LOCAL_OCTETS + " octets");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new IllegalArgumentException("local part has a misplaced dot");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
          || ATEXT_SPECIALS.indexOf(c) >= 0 || c >= 0x80 && !Character.isWhitespace(c) && !Character.isISOControl(c);
      if (!ok) {
        throw new IllegalArgumentException("local part contains '" + printable(c) + "'");
      }
    }
    return local.toLowerCase(Locale.ROOT);
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
