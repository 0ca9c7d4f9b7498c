package dev.tern.delivery.route.dns;

import static dev.tern.delivery.route.dns.DnsTestSupport.addresses;
import static dev.tern.delivery.route.dns.DnsTestSupport.await;
import static dev.tern.delivery.route.dns.DnsTestSupport.failure;
import static dev.tern.delivery.route.dns.DnsTestSupport.hostNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.RouteFailure;
import dev.tern.delivery.testing.TestDnsServer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** MX resolution rules, over real UDP to a {@link TestDnsServer}. */
class DnsMxResolverTest extends DnsResolverTestBase {

  private DnsMxResolver resolver() {
    return resolver(DnsOptions.forServer(dns.address()));
  }

  @Test
  void mxHostsComeInPreferenceOrderWithTheirAddresses() throws Exception {
    dns.mx("example.com", 20, "mx2.example.com")
        .mx("example.com", 10, "mx1.example.com")
        .mx("example.com", 30, "mx3.example.com")
        .a("mx1.example.com", "127.0.0.11")
        .a("mx2.example.com", "127.0.0.12")
        .a("mx3.example.com", "127.0.0.13");

    Destination destination = await(resolver().resolve("Example.COM"));

    assertEquals("example.com", destination.domain());
    assertFalse(destination.implicitMx());
    assertEquals(List.of("mx1.example.com", "mx2.example.com", "mx3.example.com"), hostNames(destination));
    assertEquals(List.of(10, 20, 30), destination.hosts().stream().map(h -> h.preference()).toList());
    assertEquals(List.of("127.0.0.11"), addresses(destination.hosts().get(0)));
    assertEquals(List.of("127.0.0.13"), addresses(destination.hosts().get(2)));
  }

  @Test
  void equalPreferencesAppearInBothOrders() throws Exception {
    dns.mx("example.com", 10, "a.example.com")
        .mx("example.com", 10, "b.example.com")
        .mx("example.com", 5, "first.example.com")
        .a("a.example.com", "127.0.0.2")
        .a("b.example.com", "127.0.0.3")
        .a("first.example.com", "127.0.0.4");
    DnsMxResolver resolver = resolver();

    Set<List<String>> orders = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      Destination destination = await(resolver.resolve("example.com"));
      assertEquals("first.example.com", destination.hosts().get(0).name());
      orders.add(hostNames(destination));
    }

    assertEquals(Set.of(
        List.of("first.example.com", "a.example.com", "b.example.com"),
        List.of("first.example.com", "b.example.com", "a.example.com")), orders);
    // the order is drawn anew per resolve, from cached records: DNS was asked once per question
    assertEquals(1, dns.queryCount("example.com", Type.MX));
  }

  @Test
  void noMxRecordMeansTheDomainItselfIsTheMx() throws Exception {
    dns.a("example.org", "127.0.0.20").aaaa("example.org", "::1");

    Destination destination = await(resolver().resolve("example.org"));

    assertTrue(destination.implicitMx());
    assertEquals(List.of("example.org"), hostNames(destination));
    assertEquals(0, destination.hosts().get(0).preference());
    assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.20"), addresses(destination.hosts().get(0)));
  }

  @Test
  void nullMxFailsPermanentlyWith556() {
    dns.nullMx("nomail.example").a("nomail.example", "127.0.0.1");

    RouteFailure failure = failure(resolver().resolve("nomail.example"));

    assertTrue(failure.permanent());
    assertEquals("5.1.10", failure.enhancedCode());
    assertTrue(failure.replyText().startsWith("556 5.1.10 "), failure.replyText());
  }

  @Test
  void aDotAmongOtherMxRecordsIsSkippedNotANullMx() throws Exception {
    dns.nullMx("mixed.example").mx("mixed.example", 10, "mx.mixed.example").a("mx.mixed.example", "127.0.0.5");

    assertEquals(List.of("mx.mixed.example"), hostNames(await(resolver().resolve("mixed.example"))));
  }

  @Test
  void nxdomainFailsPermanently() {
    RouteFailure failure = failure(resolver().resolve("nowhere.example"));

    assertTrue(failure.permanent());
    assertEquals("5.1.2", failure.enhancedCode());
    assertTrue(failure.replyText().startsWith("550 5.1.2 "), failure.replyText());
  }

  @Test
  void servfailIsTemporary() {
    dns.serverFailure("broken.example");

    RouteFailure failure = failure(resolver().resolve("broken.example"));

    assertFalse(failure.permanent());
    assertEquals("4.4.3", failure.enhancedCode());
    assertTrue(failure.replyText().startsWith("451 4.4.3 "), failure.replyText());
    assertTrue(failure.getMessage().contains("SERVFAIL"), failure.getMessage());
  }

  @Test
  void aServerThatNeverAnswersIsATemporaryTimeout() {
    dns.drop("silent.example");

    RouteFailure failure = failure(resolver(DnsOptions.forServer(dns.address()).withTimeout(Duration.ofMillis(300)))
        .resolve("silent.example"));

    assertFalse(failure.permanent());
    assertEquals("4.4.3", failure.enhancedCode());
    assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
    assertTrue(dns.queryCount("silent.example", Type.MX) >= 1);
  }

  @Test
  void temporaryFailuresAreNotCached() {
    dns.serverFailure("broken.example");
    DnsMxResolver resolver = resolver();

    failure(resolver.resolve("broken.example"));
    failure(resolver.resolve("broken.example"));

    assertEquals(2, dns.queryCount("broken.example", Type.MX));
  }

  @Test
  void cnameChainsAreFollowedForTheDomainAndForMxHosts() throws Exception {
    dns.cname("alias.example", "middle.example")
        .cname("middle.example", "real.example")
        .mx("real.example", 10, "mxalias.real.example")
        .cname("mxalias.real.example", "mx.real.example")
        .a("mx.real.example", "127.0.0.30");

    Destination destination = await(resolver().resolve("alias.example"));

    assertEquals("alias.example", destination.domain());
    assertEquals(List.of("mxalias.real.example"), hostNames(destination));
    assertEquals(List.of("127.0.0.30"), addresses(destination.hosts().get(0)));
  }

  @Test
  void aCnameLoopIsATemporaryFailure() {
    dns.cname("loop1.example", "loop2.example").cname("loop2.example", "loop1.example");

    RouteFailure failure = failure(resolver().resolve("loop1.example"));

    assertFalse(failure.permanent());
    assertEquals("4.4.3", failure.enhancedCode());
    assertTrue(failure.getMessage().contains("CNAME"), failure.getMessage());
  }

  @Test
  void mxHostsThatDoNotResolveAreSkipped() throws Exception {
    dns.mx("example.net", 10, "gone.example.net")
        .mx("example.net", 20, "noaddress.example.net")
        .mx("example.net", 30, "ok.example.net")
        .mx("noaddress.example.net", 10, "elsewhere.example.net")
        .a("ok.example.net", "127.0.0.40");

    assertEquals(List.of("ok.example.net"), hostNames(await(resolver().resolve("example.net"))));
  }

  @Test
  void allMxHostsNonexistentIsPermanent() {
    dns.mx("example.net", 10, "gone1.example.net").mx("example.net", 20, "gone2.example.net");

    RouteFailure failure = failure(resolver().resolve("example.net"));

    assertTrue(failure.permanent());
    assertEquals("5.4.4", failure.enhancedCode());
    assertTrue(failure.getMessage().contains("gone1.example.net: no such host"), failure.getMessage());
  }

  @Test
  void unresolvableMxHostsWithOneTemporaryFailureAreTemporary() {
    dns.mx("example.net", 10, "gone.example.net")
        .mx("example.net", 20, "flaky.example.net")
        .serverFailure("flaky.example.net");

    RouteFailure failure = failure(resolver().resolve("example.net"));

    assertFalse(failure.permanent());
    assertEquals("4.4.3", failure.enhancedCode());
  }

  @Test
  void mxPointingToAnIpLiteralIsAnUnresolvableNameAndNeverQueried() throws Exception {
    dns.mx("literal.example", 10, "127.0.0.50").a("127.0.0.50", "127.0.0.50");

    RouteFailure failure = failure(resolver().resolve("literal.example"));

    assertTrue(failure.permanent());
    assertEquals("5.4.4", failure.enhancedCode());
    assertTrue(failure.getMessage().contains("IP address"), failure.getMessage());
    assertEquals(0, dns.queryCount("127.0.0.50", Type.A));

    dns.mx("literal.example", 20, "mx.literal.example").a("mx.literal.example", "127.0.0.51");
    assertEquals(List.of("mx.literal.example"), hostNames(await(resolver().resolve("literal.example"))));
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowed() throws Exception {
    dns.mx("example.com", 10, "inside.example.com")
        .a("inside.example.com", "10.1.2.3")
        .a("inside.example.com", "127.0.0.1")
        .aaaa("inside.example.com", "fd00::1")
        .aaaa("inside.example.com", "fe80::1");
    DnsOptions strict = DnsOptions.forServer(dns.address()).withAllowPrivateMx(false);

    RouteFailure failure = failure(resolver(strict).resolve("example.com"));

    assertTrue(failure.permanent());
    assertEquals("5.4.4", failure.enhancedCode());
    assertTrue(failure.getMessage().contains("private address"), failure.getMessage());

    Destination allowed = await(resolver(strict.withAllowPrivateMx(true)).resolve("example.com"));
    assertEquals(4, allowed.hosts().get(0).addresses().size());
  }

  @Test
  void privateAddressesAreDroppedButPublicOnesOfTheSameHostKept() throws Exception {
    dns.mx("example.com", 10, "mixed.example.com")
        .a("mixed.example.com", "192.168.1.1")
        .a("mixed.example.com", "192.0.2.7")
        .mx("example.com", 20, "private.example.com")
        .a("private.example.com", "172.16.0.1");
    DnsOptions strict = DnsOptions.forServer(dns.address()).withAllowPrivateMx(false);

    Destination destination = await(resolver(strict).resolve("example.com"));

    assertEquals(List.of("mixed.example.com"), hostNames(destination));
    assertEquals(List.of("192.0.2.7"), addresses(destination.hosts().get(0)));
  }

  @Test
  void ipv6FirstWhenOnAndNoAaaaQueryWhenOff() throws Exception {
    dns.mx("example.com", 10, "mx.example.com")
        .a("mx.example.com", "127.0.0.60")
        .aaaa("mx.example.com", "::1");

    Destination withV6 = await(resolver().resolve("example.com"));
    assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.60"), addresses(withV6.hosts().get(0)));

    int aaaaQueries = dns.queryCount("mx.example.com", Type.AAAA);
    Destination withoutV6 = await(resolver(DnsOptions.forServer(dns.address()).withIpv6(false))
        .resolve("example.com"));
    assertEquals(List.of("127.0.0.60"), addresses(withoutV6.hosts().get(0)));
    assertEquals(aaaaQueries, dns.queryCount("mx.example.com", Type.AAAA));
  }

  @Test
  void anIpv6OnlyHostIsUnusableWithIpv6Off() {
    dns.mx("example.com", 10, "v6only.example.com").aaaa("v6only.example.com", "::1");

    RouteFailure failure = failure(resolver(DnsOptions.forServer(dns.address()).withIpv6(false))
        .resolve("example.com"));

    assertTrue(failure.permanent());
    assertEquals("5.4.4", failure.enhancedCode());
  }

  @Test
  void sitesGroupDomainsServedByTheSameHosts() throws Exception {
    dns.mx("one.example", 10, "mx1.provider.example")
        .mx("one.example", 20, "mx2.provider.example")
        .mx("two.example", 10, "mx2.provider.example")
        .mx("two.example", 20, "mx1.provider.example")
        .a("mx1.provider.example", "127.0.0.71")
        .a("mx2.provider.example", "127.0.0.72");
    DnsMxResolver resolver = resolver();

    assertEquals(await(resolver.resolve("one.example")).site(), await(resolver.resolve("two.example")).site());
  }
}
