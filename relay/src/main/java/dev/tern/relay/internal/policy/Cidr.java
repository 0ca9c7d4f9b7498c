package dev.tern.relay.internal.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One CIDR block, IPv4 or IPv6, matched against literal addresses. */
public final class Cidr {

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** Parses "10.0.0.0/8", "::1/128" or a bare address (a host block). */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(address);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP address literal: " + text);
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length: " + text);
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("bad prefix length: " + text);
      }
    }
    return new Cidr(bytes, prefix);
  }

  public boolean contains(String address) {
    byte[] candidate = literal(address);
    if (candidate == null || candidate.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[full] & mask) == (network[full] & mask);
  }

  /**
   * The address bytes of an IP literal, never a DNS lookup: anything that is not made only of hex
   * digits, dots, colons (and a %scope) is refused before InetAddress sees it.
   */
  static byte[] literal(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    String plain = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    int scope = plain.indexOf('%');
    String bare = scope < 0 ? plain : plain.substring(0, scope);
    boolean v6 = bare.indexOf(':') >= 0;
    for (int i = 0; i < bare.length(); i++) {
      char c = bare.charAt(i);
      boolean ok = c == '.' || (v6 ? (c == ':' || Character.digit(c, 16) >= 0) : (c >= '0' && c <= '9'));
      if (!ok) {
        return null;
      }
    }
    try {
      return InetAddress.getByName(bare).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
