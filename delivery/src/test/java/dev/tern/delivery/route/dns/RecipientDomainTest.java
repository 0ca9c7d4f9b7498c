package dev.tern.delivery.route.dns;

import static dev.tern.delivery.route.dns.DnsTestSupport.addresses;
import static dev.tern.delivery.route.dns.DnsTestSupport.await;
import static dev.tern.delivery.route.dns.DnsTestSupport.failure;
import static dev.tern.delivery.route.dns.DnsTestSupport.hostNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.RouteFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Type;

/** What the resolver accepts as a domain: names, IDNs, address literals; and what it refuses without asking DNS. */
class RecipientDomainTest extends DnsResolverTestBase {

  private DnsMxResolver resolver;

  @BeforeEach
  void createResolver() {
    resolver = resolver(DnsOptions.forServer(dns.address()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "exa mple.com", "-bad.example", "bad-.example", "a..example", ".example",
      "ex\u0000ample.com", "exa\r\nmple.com", "under[score].example", "[1.2.3.4", "[300.1.1.1]", "[1.2.3]",
      "[IPv6:zz::1]", "[]", "[example.com]",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example"})
  void malformedDomainsFailPermanentlyWithoutAQuery(String domain) {
    RouteFailure failure = failure(resolver.resolve(domain));

    assertTrue(failure.permanent());
    assertEquals("5.1.2", failure.enhancedCode());
    assertTrue(failure.replyText().chars().allMatch(c -> c >= 0x20 && c < 0x7f), failure.replyText());
    assertEquals(0, dns.queryCount());
  }

  @Test
  void aNullDomainFailsPermanently() {
    assertTrue(failure(resolver.resolve(null)).permanent());
  }

  @Test
  void aNameLongerThan253OctetsIsRefused() {
    String label = "a".repeat(60);
    String longName = String.join(".", label, label, label, label, "example") + ".more"; // 256 octets

    assertEquals("5.1.2", failure(resolver.resolve(longName)).enhancedCode());
    assertEquals(0, dns.queryCount());
  }

  @Test
  void aTrailingDotAndUpperCaseAreNormalised() throws Exception {
    dns.mx("example.com", 10, "MX.Example.COM").a("mx.example.com", "127.0.0.2");

    Destination destination = await(resolver.resolve("EXAMPLE.com."));

    assertEquals("example.com", destination.domain());
    assertEquals(List.of("mx.example.com"), hostNames(destination));
  }

  @Test
  void internationalDomainsAreLookedUpAsPunycode() throws Exception {
    dns.mx("xn--bcher-kva.example", 10, "mx.xn--bcher-kva.example").a("mx.xn--bcher-kva.example", "127.0.0.3");

    Destination destination = await(resolver.resolve("bücher.example"));

    assertEquals("xn--bcher-kva.example", destination.domain());
    assertEquals(1, dns.queryCount("xn--bcher-kva.example", Type.MX));
  }

  @Test
  void addressLiteralsNeedNoDns() throws Exception {
    Destination v4 = await(resolver.resolve("[127.0.0.9]"));
    Destination v6 = await(resolver.resolve("[IPv6:2001:db8::25]"));

    assertEquals(List.of("127.0.0.9"), addresses(v4.hosts().get(0)));
    assertEquals(List.of("2001:db8:0:0:0:0:0:25"), addresses(v6.hosts().get(0)));
    assertEquals("[ipv6:2001:db8::25]", v6.domain());
    assertEquals(0, dns.queryCount());
  }

  @Test
  void privateAddressLiteralsAreRefusedUnlessAllowed() throws Exception {
    DnsMxResolver strict = new DnsMxResolver(vertx,
        DnsOptions.forServer(dns.address()).withAllowPrivateMx(false), new SimpleMeterRegistry());

    RouteFailure failure = failure(strict.resolve("[192.168.1.1]"));

    assertTrue(failure.permanent());
    assertEquals("5.4.4", failure.enhancedCode());
    assertEquals(List.of("192.0.2.1"), addresses(await(strict.resolve("[192.0.2.1]")).hosts().get(0)));
  }
}
