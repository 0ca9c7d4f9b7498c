package dev.tern.delivery.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The test server itself, asked directly with dnsjava's plain resolver (a test thread may block). */
class TestDnsServerTest {

  private static Message ask(TestDnsServer dns, String name, int type) throws Exception {
    SimpleResolver resolver = new SimpleResolver(dns.address());
    resolver.setTimeout(Duration.ofMillis(500));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
  }

  @Test
  void answersRecordsNodataAndNxdomainLikeAnAuthoritativeServer() throws Exception {
    try (TestDnsServer dns = TestDnsServer.start()) {
      dns.mx("example.com", 10, "mx.example.com").a("example.com", "127.0.0.1");

      Message mx = ask(dns, "example.com.", Type.MX);
      Message nodata = ask(dns, "example.com.", Type.AAAA);
      Message nxdomain = ask(dns, "missing.example.com.", Type.A);

      assertEquals(Rcode.NOERROR, mx.getRcode());
      assertTrue(mx.getHeader().getFlag(Flags.AA));
      assertEquals(1, mx.getSection(Section.ANSWER).size());
      assertEquals(Rcode.NOERROR, nodata.getRcode());
      assertTrue(nodata.getSection(Section.ANSWER).isEmpty());
      assertEquals(Type.SOA, nodata.getSection(Section.AUTHORITY).get(0).getType());
      assertEquals(Rcode.NXDOMAIN, nxdomain.getRcode());
      assertEquals(3, dns.queryCount());
      assertEquals(1, dns.queryCount("example.com", Type.MX));
      assertEquals(1, dns.queryCount("EXAMPLE.com.", Type.AAAA));
    }
  }

  @Test
  void servfailNxdomainOverrideAndDrop() throws Exception {
    try (TestDnsServer dns = TestDnsServer.start()) {
      dns.a("sick.example", "127.0.0.1").serverFailure("sick.example")
          .a("hidden.example", "127.0.0.1").nxdomain("hidden.example")
          .drop("silent.example");

      assertEquals(Rcode.SERVFAIL, ask(dns, "sick.example.", Type.A).getRcode());
      assertEquals(Rcode.NXDOMAIN, ask(dns, "hidden.example.", Type.A).getRcode());
      assertThrows(java.io.IOException.class, () -> ask(dns, "silent.example.", Type.A));
      assertEquals(1, dns.queryCount("silent.example", Type.A));
    }
  }

  @Test
  void largeAnswersAreTruncatedOverUdpAndServedWholeOverTcp() throws Exception {
    try (TestDnsServer dns = TestDnsServer.start()) {
      for (int i = 1; i <= 60; i++) {
        dns.a("big.example", "127.0.1." + i);
      }
      SimpleResolver udpOnly = new SimpleResolver(dns.address());
      udpOnly.setIgnoreTruncation(true);
      Message truncated = udpOnly.send(Message.newQuery(Record.newRecord(Name.fromString("big.example."), Type.A, 1)));

      Message whole = ask(dns, "big.example.", Type.A);

      assertTrue(truncated.getHeader().getFlag(Flags.TC));
      assertEquals(60, whole.getSection(Section.ANSWER).size());
      assertEquals(java.util.List.of(), dns.errors());
    }
  }

  @Test
  void garbageDoesNotStopTheServer() throws Exception {
    try (TestDnsServer dns = TestDnsServer.start(); DatagramSocket client = new DatagramSocket()) {
      dns.a("ok.example", "127.0.0.1");
      byte[] junk = {1, 2, 3};
      client.send(new DatagramPacket(junk, junk.length, dns.address()));

      assertEquals(Rcode.NOERROR, ask(dns, "ok.example.", Type.A).getRcode());
      assertFalse(dns.errors().isEmpty());
    }
  }

  @Test
  void closeFreesThePort() throws Exception {
    TestDnsServer dns = TestDnsServer.start();
    InetSocketAddress address = dns.address();
    dns.close();

    try (DatagramSocket again = new DatagramSocket(address)) {
      assertEquals(address.getPort(), again.getLocalPort());
    }
  }
}
