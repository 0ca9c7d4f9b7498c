package dev.tern.delivery.route;

import java.net.InetAddress;
import java.util.List;

/**
 * One mail exchanger of a destination, with the addresses to try in order.
 *
 * @param name       the host name (absolute, no trailing dot), or the domain itself for an implicit MX
 * @param preference the MX preference (lower first); 0 for an implicit MX
 * @param addresses  its A/AAAA addresses in the order to try them, never empty
 */
public record MxHost(String name, int preference, List<InetAddress> addresses) {

  public MxHost {
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("an MX host needs at least one address: " + name);
    }
  }
}
