package dev.tern.delivery.route.dns;

import static dev.tern.delivery.route.dns.DnsTestSupport.addresses;
import static dev.tern.delivery.route.dns.DnsTestSupport.await;
import static dev.tern.delivery.route.dns.DnsTestSupport.hostNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.testing.TestDnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Options: validation, several servers, the injected randomness. */
class DnsOptionsTest extends DnsResolverTestBase {

  @Test
  void defaultsAreTheProductionOnes() {
    DnsOptions defaults = DnsOptions.defaults();

    assertTrue(defaults.servers().isEmpty());
    assertTrue(defaults.ipv6());
    assertFalse(defaults.allowPrivateMx());
    assertTrue(defaults.cacheMaxEntries() > 0);
  }

  @Test
  void badOptionsAreRefused() {
    DnsOptions ok = DnsOptions.forServer(dns.address());

    assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ok.withTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> ok.withCacheMaxEntries(-1));
    assertThrows(IllegalArgumentException.class, () -> ok.withNegativeCacheTtl(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> ok.withMaxCacheTtl(null));
    assertThrows(IllegalArgumentException.class,
        () -> ok.withServers(List.of(InetSocketAddress.createUnresolved("dns.example", 53))));
  }

  @Test
  void theNextServerAnswersWhenTheFirstStaysSilent() throws Exception {
    try (TestDnsServer silent = TestDnsServer.start()) {
      silent.drop("example.com").drop("mx.example.com");
      dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.2");
      DnsOptions options = DnsOptions.forServer(dns.address())
          .withServers(List.of(silent.address(), dns.address()))
          .withTimeout(Duration.ofMillis(300))
          .withIpv6(false);

      Destination destination = await(new DnsMxResolver(vertx, options, new SimpleMeterRegistry())
          .resolve("example.com"));

      assertEquals(List.of("mx.example.com"), hostNames(destination));
      assertTrue(silent.queryCount("example.com", Type.MX) >= 1);
    }
  }

  @Test
  void theSameSeedGivesTheSameOrderAndAddressesOfAFamilyAreShuffled() throws Exception {
    dns.mx("example.com", 10, "a.example.com").mx("example.com", 10, "b.example.com")
        .mx("example.com", 10, "c.example.com")
        .a("a.example.com", "127.0.0.1").a("a.example.com", "127.0.0.2").a("a.example.com", "127.0.0.3")
        .a("b.example.com", "127.0.0.4").a("c.example.com", "127.0.0.5");
    DnsOptions options = DnsOptions.forServer(dns.address()).withIpv6(false);
    DnsMxResolver one = new DnsMxResolver(vertx, options, new SimpleMeterRegistry(), new Random(42));
    DnsMxResolver two = new DnsMxResolver(vertx, options, new SimpleMeterRegistry(), new Random(42));

    List<List<String>> first = new ArrayList<>();
    List<List<String>> second = new ArrayList<>();
    Set<List<String>> addressOrders = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      Destination d = await(one.resolve("example.com"));
      first.add(hostNames(d));
      d.hosts().stream().filter(h -> h.name().equals("a.example.com")).forEach(h -> addressOrders.add(addresses(h)));
      second.add(hostNames(await(two.resolve("example.com"))));
    }

    assertEquals(first, second);
    assertTrue(new HashSet<>(first).size() > 1, "equal preferences are shuffled");
    assertTrue(addressOrders.size() > 1, "addresses of one family are shuffled");
  }
}
