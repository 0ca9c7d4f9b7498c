package dev.tern.delivery.route.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * What the A/AAAA lookups of one MX host produced.
 *
 * @param usable    addresses to try, IPv6 first then IPv4, in random order within each family
 * @param refused   how many addresses were dropped by the {@link AddressPolicy}
 * @param temporary true when a lookup failed in a way that may pass (SERVFAIL, timeout)
 * @param detail    why there is nothing usable, for the failure text
 */
record HostAddresses(List<InetAddress> usable, int refused, boolean temporary, String detail) {

  HostAddresses {
    usable = List.copyOf(usable);
  }

  static HostAddresses unresolvable(String detail) {
    return new HostAddresses(List.of(), 0, false, detail);
  }
}
