package dev.tern.delivery.route.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How {@link DnsMxResolver} talks to DNS and what it accepts.
 *
 * @param servers          resolvers to ask, in order; empty means the system's (/etc/resolv.conf via dnsjava)
 * @param timeout          how long one query to one server may take before it counts as a temporary failure
 *                         (dnsjava notices expired queries about once a second, so it may run up to a second longer);
 *                         with several servers each is tried once, in order
 * @param ipv6             also look up AAAA records and return IPv6 addresses
 * @param allowPrivateMx   accept MX hosts on loopback, private, link-local and similar addresses (tests only:
 *                         a relay must not be steered into the local network)
 * @param cacheMaxEntries  bound of the answer cache (least recently used entries leave first)
 * @param negativeCacheTtl how long NXDOMAIN and "no such record" answers are kept; dnsjava's lookup API does not
 *                         expose the zone's SOA minimum, so this fixed time stands in for it
 * @param maxCacheTtl      upper bound for the TTL of positive answers
 */
public record DnsOptions(
    List<InetSocketAddress> servers,
    Duration timeout,
    boolean ipv6,
    boolean allowPrivateMx,
    int cacheMaxEntries,
    Duration negativeCacheTtl,
    Duration maxCacheTtl) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_CACHE_MAX_ENTRIES = 10_000;
  public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_CACHE_TTL = Duration.ofDays(1);

  public DnsOptions {
    servers = List.copyOf(servers);
    for (InetSocketAddress server : servers) {
      if (server.isUnresolved()) {
        // resolving a resolver's name would itself need DNS, and block: ops passes IP addresses
        throw new IllegalArgumentException("a DNS server must be given as an IP address: " + server);
      }
    }
    requirePositive(timeout, "timeout");
    requireNotNegative(negativeCacheTtl, "negativeCacheTtl");
    requireNotNegative(maxCacheTtl, "maxCacheTtl");
    if (cacheMaxEntries < 0) {
      throw new IllegalArgumentException("cacheMaxEntries must not be negative: " + cacheMaxEntries);
    }
  }

  /** The production defaults: system resolvers, IPv6 on, private MX refused. */
  public static DnsOptions defaults() {
    return new DnsOptions(List.of(), DEFAULT_TIMEOUT, true, false, DEFAULT_CACHE_MAX_ENTRIES,
        DEFAULT_NEGATIVE_CACHE_TTL, DEFAULT_MAX_CACHE_TTL);
  }

  /** For tests: one server (e.g. a test DNS server on 127.0.0.1), a short timeout, private MX allowed. */
  public static DnsOptions forServer(InetSocketAddress server) {
    return new DnsOptions(List.of(server), Duration.ofSeconds(2), true, true, DEFAULT_CACHE_MAX_ENTRIES,
        DEFAULT_NEGATIVE_CACHE_TTL, DEFAULT_MAX_CACHE_TTL);
  }

  public DnsOptions withServers(List<InetSocketAddress> servers) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  public DnsOptions withTimeout(Duration timeout) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  public DnsOptions withIpv6(boolean ipv6) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  public DnsOptions withAllowPrivateMx(boolean allowPrivateMx) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  /** 0 turns the cache off: every resolve asks DNS. */
  public DnsOptions withCacheMaxEntries(int cacheMaxEntries) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  public DnsOptions withNegativeCacheTtl(Duration negativeCacheTtl) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  public DnsOptions withMaxCacheTtl(Duration maxCacheTtl) {
    return new DnsOptions(servers, timeout, ipv6, allowPrivateMx, cacheMaxEntries, negativeCacheTtl, maxCacheTtl);
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }

  private static void requireNotNegative(Duration d, String what) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + d);
    }
  }
}
