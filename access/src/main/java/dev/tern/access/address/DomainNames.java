package dev.tern.access.address;

import java.net.IDN;
import java.util.Locale;

/**
 * Canonical form of a domain name: ASCII (internationalised names become their A-label, "xn--..."),
 * lower case, no trailing dot. Only host names qualify; address literals such as [192.0.2.1] are not
 * domains we can own.
 */
public final class DomainNames {

  private static final int MAX_LENGTH = 253;
  private static final int MAX_LABEL = 63;

  private DomainNames() {
  }

  /** Returns the canonical form or throws {@link IllegalArgumentException} saying why it is not a domain. */
  public static String normalize(String domain) {
    if (domain == null || domain.isEmpty()) {
      throw new IllegalArgumentException("empty domain");
    }
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    String ascii;
    try {
      ascii = IDN.toASCII(name).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid domain: " + domain);
    }
    if (ascii.isEmpty() || ascii.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("invalid domain: " + domain);
    }
    for (String label : ascii.split("\\.", -1)) {
      if (!isLdhLabel(label)) {
        throw new IllegalArgumentException("invalid domain: " + domain);
      }
    }
    return ascii;
  }

  private static boolean isLdhLabel(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
