package dev.tern.delivery.route.dns;

import static dev.tern.delivery.route.dns.DnsTestSupport.addresses;
import static dev.tern.delivery.route.dns.DnsTestSupport.await;
import static dev.tern.delivery.route.dns.DnsTestSupport.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.route.Destination;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Answers are cached for their TTL, negative ones too, in a bounded cache; metrics count lookups and hits. */
class DnsCacheTest extends DnsResolverTestBase {

  private DnsOptions options() {
    return DnsOptions.forServer(dns.address());
  }

  @Test
  void aSecondResolveAsksNoQuestion() throws Exception {
    dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.2").aaaa("mx.example.com", "::1");
    DnsMxResolver resolver = resolver(options());

    Destination first = await(resolver.resolve("example.com"));
    int queries = dns.queryCount();
    Destination second = await(resolver.resolve("example.com"));

    assertEquals(3, queries);
    assertEquals(queries, dns.queryCount());
    assertEquals(first, second);
    assertEquals(1.0, registry.get("tern.dns.lookups").tags("type", "MX", "result", "ok").counter().count());
    assertEquals(1.0, registry.get("tern.dns.lookups").tags("type", "A", "result", "ok").counter().count());
    assertEquals(1.0, registry.get("tern.dns.cache.hits").tags("type", "MX").counter().count());
    assertEquals(1.0, registry.get("tern.dns.cache.hits").tags("type", "AAAA").counter().count());
  }

  @Test
  void manyConcurrentResolvesOfOneDomainAskOnce() throws Exception {
    dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.2");
    DnsMxResolver resolver = resolver(options().withIpv6(false));

    List<Future<Destination>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(resolver.resolve("example.com"));
    }
    await(Future.all(all));

    assertEquals(1, dns.queryCount("example.com", Type.MX));
    assertEquals(1, dns.queryCount("mx.example.com", Type.A));
  }

  @Test
  void anAnswerIsAskedAgainOnceItsTtlRunsOut() throws Exception {
    dns.mx("example.com", 10, "mx.example.com", 1).a("mx.example.com", "127.0.0.2", 1);
    DnsMxResolver resolver = resolver(options().withIpv6(false));
    await(resolver.resolve("example.com"));

    // the address changes in DNS; the cached answer is served until the 1 s TTL is over
    dns.remove("mx.example.com").a("mx.example.com", "127.0.0.3", 1);
    Destination latest = await(resolver.resolve("example.com"));
    for (int i = 0; i < 300 && !addresses(latest.hosts().get(0)).equals(List.of("127.0.0.3")); i++) {
      Thread.sleep(50);
      latest = await(resolver.resolve("example.com"));
    }

    assertEquals(List.of("127.0.0.3"), addresses(latest.hosts().get(0)));
    assertTrue(dns.queryCount("example.com", Type.MX) >= 2);
    assertEquals(2, dns.queryCount("mx.example.com", Type.A));
  }

  @Test
  void negativeAnswersAreCachedForTheNegativeTtl() throws Exception {
    DnsMxResolver resolver = resolver(options());

    failure(resolver.resolve("nowhere.example"));
    failure(resolver.resolve("nowhere.example"));

    assertEquals(1, dns.queryCount("nowhere.example", Type.MX));

    DnsMxResolver uncached = resolver(options().withNegativeCacheTtl(Duration.ZERO));
    failure(uncached.resolve("nowhere.example"));
    failure(uncached.resolve("nowhere.example"));
    assertEquals(3, dns.queryCount("nowhere.example", Type.MX));
  }

  @Test
  void noDataIsCachedToo() throws Exception {
    dns.a("example.org", "127.0.0.9");
    DnsMxResolver resolver = resolver(options().withIpv6(false));

    assertTrue(await(resolver.resolve("example.org")).implicitMx());
    assertTrue(await(resolver.resolve("example.org")).implicitMx());

    assertEquals(1, dns.queryCount("example.org", Type.MX));
    assertEquals(1, dns.queryCount("example.org", Type.A));
  }

  @Test
  void theCacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
    dns.a("one.example", "127.0.0.1").a("two.example", "127.0.0.2");
    // ipv6 off: each implicit-MX domain costs two entries (MX nodata, A), so two entries hold one domain
    DnsMxResolver resolver = resolver(options().withIpv6(false).withCacheMaxEntries(2));

    await(resolver.resolve("one.example"));
    await(resolver.resolve("one.example"));
    assertEquals(1, dns.queryCount("one.example", Type.MX));

    await(resolver.resolve("two.example"));
    await(resolver.resolve("one.example"));
    assertEquals(2, dns.queryCount("one.example", Type.MX));
  }

  @Test
  void aZeroSizedCacheAsksEveryTime() throws Exception {
    dns.a("one.example", "127.0.0.1");
    DnsMxResolver resolver = resolver(options().withIpv6(false).withCacheMaxEntries(0));

    await(resolver.resolve("one.example"));
    await(resolver.resolve("one.example"));

    assertEquals(2, dns.queryCount("one.example", Type.MX));
  }

  @Test
  void failedLookupsAreCountedByResult() throws Exception {
    dns.serverFailure("broken.example");
    DnsMxResolver resolver = resolver(options());

    failure(resolver.resolve("broken.example"));
    failure(resolver.resolve("nowhere.example"));

    assertEquals(1.0, registry.get("tern.dns.lookups").tags("type", "MX", "result", "servfail").counter().count());
    assertEquals(1.0, registry.get("tern.dns.lookups").tags("type", "MX", "result", "nxdomain").counter().count());
  }
}
