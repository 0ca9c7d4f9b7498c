package dev.tern.delivery.route.dns;

import dev.tern.delivery.route.RouteFailure;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A recipient domain as the resolver sees it: either a DNS name (lower case, ASCII, absolute) or an RFC 5321
 * address literal ("[192.0.2.1]", "[IPv6:2001:db8::1]"). Parsing never touches the network.
 *
 * @param ascii   the domain in lower-case ASCII (punycode for IDNs), without a trailing dot
 * @param name    the absolute DNS name, or null for an address literal
 * @param literal the address of an address literal, or null
 */
record RecipientDomain(String ascii, Name name, InetAddress literal) {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  static RecipientDomain parse(String domain) throws RouteFailure {
    if (domain == null || domain.isBlank()) {
      throw invalid(String.valueOf(domain), "empty domain");
    }
    String text = domain.strip();
    if (text.startsWith("[")) {
      return new RecipientDomain(text.toLowerCase(Locale.ROOT), null, parseLiteral(text));
    }
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw invalid(domain, "not a valid international domain name");
    }
    checkSyntax(domain, ascii);
    try {
      return new RecipientDomain(ascii, Name.fromString(ascii, Name.root), null);
    } catch (TextParseException e) {
      throw invalid(domain, e.getMessage());
    }
  }

  boolean isLiteral() {
    return literal != null;
  }

  /** True when an MX target is written as an IPv4 address, which RFC 5321 5.1 does not allow. */
  static boolean looksLikeIpLiteral(Name target) {
    String text = target.toString(true);
    return Address.isDottedQuad(text) || text.indexOf(':') >= 0 || text.startsWith("[");
  }

  private static void checkSyntax(String original, String ascii) throws RouteFailure {
    if (ascii.isEmpty() || ascii.length() > MAX_NAME_LENGTH) {
      throw invalid(original, "bad length");
    }
    for (String label : ascii.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
        throw invalid(original, "bad label length");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          throw invalid(original, "character not allowed in a domain name");
        }
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw invalid(original, "label starts or ends with a hyphen");
      }
    }
  }

  private static InetAddress parseLiteral(String text) throws RouteFailure {
    if (!text.endsWith("]") || text.length() < 3) {
      throw invalid(text, "malformed address literal");
    }
    String inner = text.substring(1, text.length() - 1);
    byte[] bytes;
    if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
      bytes = Address.toByteArray(inner.substring(5), Address.IPv6);
    } else {
      bytes = Address.toByteArray(inner, Address.IPv4);
    }
    if (bytes == null) {
      throw invalid(text, "malformed address literal");
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw invalid(text, "malformed address literal");
    }
  }

  private static RouteFailure invalid(String domain, String why) {
    return new RouteFailure(true, "5.1.2", "invalid recipient domain " + sanitize(domain) + " (" + why + ")");
  }

  /** The text goes into replies and logs: keep it printable and short. */
  static String sanitize(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < 100; i++) {
      char c = text.charAt(i);
      b.append(c >= 0x21 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
