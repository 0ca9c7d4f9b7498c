package dev.tern.delivery.route.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a relay may connect to. A public MX record must not steer Tern into the local network, so
 * loopback, private (RFC 1918, RFC 6598 shared, fc00::/7), link-local, unspecified, multicast, broadcast and
 * reserved addresses are refused unless the operator allows private MX hosts (tests do).
 */
final class AddressPolicy {

  private final boolean allowPrivate;

  AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  boolean allowed(InetAddress address) {
    return allowPrivate || !isNonPublic(address);
  }

  static boolean isNonPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0                                     // "this network" 0.0.0.0/8
          || (first == 100 && (second & 0xc0) == 64)        // shared address space 100.64.0.0/10
          || first >= 240;                                  // reserved 240.0.0.0/4 and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {                         // unique local fc00::/7
        return true;
      }
      if (zeros(b, 0, 12)) {                                // ::a.b.c.d (deprecated): no public use
        return true;
      }
      if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return isNonPublic(embeddedIpv4(b));                // ::ffff:a.b.c.d is the IPv4 host itself
      }
      return false;
    }
    return true;
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress embeddedIpv4(byte[] b) {
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
