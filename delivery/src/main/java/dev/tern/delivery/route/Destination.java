package dev.tern.delivery.route;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where mail for a domain goes: its MX hosts in the order to try them (preference order, random among equal
 * preferences), or the smarthost. Two domains hosted by the same provider resolve to destinations with the same
 * {@link #site()}, so they share connections and limits (MX rollup).
 *
 * @param domain      the recipient domain (lower case, ASCII/punycode)
 * @param hosts       the hosts to try, in order, never empty
 * @param implicitMx  true when the domain had no MX and its own A/AAAA records are used (RFC 5321 5.1)
 */
public record Destination(String domain, List<MxHost> hosts, boolean implicitMx) {

  public Destination {
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a destination needs at least one host: " + domain);
    }
  }

  /** The key that groups destinations served by the same set of MX hosts. */
  public String site() {
    return hosts.stream().map(MxHost::name).sorted().distinct().collect(Collectors.joining(","));
  }
}
