package dev.tern.ops.config;

import java.time.Duration;
import java.util.List;

/**
 * How Tern asks DNS.
 *
 * @param servers resolvers as host:port (or host, port 53); empty means the system's (/etc/resolv.conf)
 * @param timeout how long one query may take
 * @param ipv6    whether AAAA records are looked up and IPv6 MX addresses used
 */
public record DnsConfig(List<String> servers, Duration timeout, boolean ipv6) {

  public DnsConfig {
    servers = List.copyOf(servers);
  }
}
