package dev.tern.delivery.route.smtp;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.testing.ScriptedSmtpServer;
import dev.tern.delivery.testing.TestCertificate;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tern.delivery.route.DeliveryReport.Outcome.DEFERRED;
import static dev.tern.delivery.route.DeliveryReport.Outcome.DELIVERED;
import static dev.tern.delivery.route.DeliveryReport.Outcome.FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session set-up: host order, greetings, TLS policies, AUTH, bad replies, timeouts. */
class ConnectionTest extends OutboundTestSupport {

  private static final String BODY = "Subject: hi\r\n\r\nhello\r\n";

  @Test
  void nextHostAfter421Greeting() throws Exception {
    ScriptedSmtpServer first = server().greeting("421 4.3.2 busy, try later");
    ScriptedSmtpServer second = server("127.0.0.2", first.port());
    SmtpOutboundTransport transport = transport(options(first.port()));
    Destination destination = destination("example.org", "mx1.example.org", "127.0.0.1", "mx2.example.org", "127.0.0.2");
    DeliveryReport report = deliver(transport, destination, message("a@s.test", BODY, "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertEquals("mx2.example.org", report.remoteHost());
    assertEquals("127.0.0.2", report.remoteIp());
    assertEquals(1, second.received().size());
    assertTrue(first.awaitCommand("QUIT", 1, Duration.ofSeconds(5)), "QUIT to the busy host");
  }

  @Test
  void nextHostAfterConnectionRefusedAndLastErrorDecides() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.3"))) {
      closedPort = probe.getLocalPort();
    }
    ScriptedSmtpServer rejecting = server("127.0.0.4", closedPort).greeting("554 5.7.1 no mail from you");
    SmtpOutboundTransport transport = transport(options(closedPort));
    Destination destination = destination("example.org", "mx1.example.org", "127.0.0.3", "mx2.example.org", "127.0.0.4");
    DeliveryReport report = deliver(transport, destination, message("a@s.test", BODY, "b@example.org"));
    assertEquals(FAILED, outcome(report, 0), "the last host's 5xx greeting decides");
    assertEquals("554 5.7.1 no mail from you", reply(report, 0));
    assertEquals(1, rejecting.connections());

    DeliveryReport refused = deliver(transport, destination("example.net", "mx.example.net", "127.0.0.3"),
        message("a@s.test", BODY, "b@example.net"));
    assertEquals(DEFERRED, outcome(refused, 0));
    assertTrue(reply(refused, 0).startsWith("451 4.4.1"), reply(refused, 0));
    assertNull(refused.remoteHost());
  }

  @Test
  void opportunisticStartTlsDiscardsInjectedRepliesAndSaysEhloAgain() throws Exception {
    TestCertificate cert = TestCertificate.generate("localhost");
    ScriptedSmtpServer server = server().startTls(cert).injectAfterStartTls("554 5.0.0 injected before TLS\r\n");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0), reply(report, 0));
    assertNotNull(report.tlsVersion());
    assertTrue(report.tlsVersion().startsWith("TLS"), report.tlsVersion());
    assertTrue(server.received().get(0).tls());
    List<String> commands = server.sessions().get(0).commands();
    assertEquals(List.of("EHLO client.test", "STARTTLS", "EHLO client.test"), commands.subList(0, 3));
  }

  @Test
  void requiredTlsWithoutStartTlsDefersAndSendsNoMail() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()).tlsPolicy("example.org", TlsPolicy.REQUIRE));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).startsWith("451 4.7.4"), reply(report, 0));
    assertTrue(server.sessions().get(0).commands().stream().noneMatch(c -> c.startsWith("MAIL")));
  }

  @Test
  void requiredTlsVerifiesTheCertificate() throws Exception {
    TestCertificate cert = TestCertificate.generate("localhost");
    ScriptedSmtpServer server = server().startTls(cert);
    Destination destination = destination("example.org", "localhost", "127.0.0.1");
    SmtpOutboundTransport trusting = transport(options(server.port()).defaultTlsPolicy(TlsPolicy.REQUIRE)
        .trustOptions(cert.trustOptions()));
    assertEquals(DELIVERED, outcome(deliver(trusting, destination, message("a@s.test", BODY, "b@example.org")), 0));

    SmtpOutboundTransport untrusting = transport(options(server.port()).defaultTlsPolicy(TlsPolicy.REQUIRE)
        .trustOptions(TestCertificate.generate("localhost").trustOptions()));
    DeliveryReport report = deliver(untrusting, destination, message("a@s.test", BODY, "c@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).startsWith("451 4.7.5"), reply(report, 0));
    assertEquals(1, server.received().size());
  }

  @Test
  void tlsOffNeverStartsTls() throws Exception {
    ScriptedSmtpServer server = server().startTls(TestCertificate.generate("localhost"));
    SmtpOutboundTransport transport = transport(options(server.port()).defaultTlsPolicy(TlsPolicy.OFF));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertNull(report.tlsVersion());
    assertFalse(server.sessions().get(0).commands().contains("STARTTLS"));
  }

  @Test
  void smarthostAuthOnlyOverTls() throws Exception {
    TestCertificate cert = TestCertificate.generate("localhost");
    ScriptedSmtpServer server = server().startTls(cert).auth("app", "s3cret");
    Destination smarthost = destination("example.org", "localhost", "127.0.0.1");
    SmtpOutboundTransport transport = transport(options(server.port()).trustOptions(cert.trustOptions())
        .smarthostAuth(new SmarthostAuth("localhost", "app", "s3cret")));
    assertEquals(DELIVERED, outcome(deliver(transport, smarthost, message("a@s.test", BODY, "b@example.org")), 0));
    assertEquals("app", server.received().get(0).authUser());

    SmtpOutboundTransport wrong = transport(options(server.port()).trustOptions(cert.trustOptions())
        .smarthostAuth(new SmarthostAuth("localhost", "app", "wrong")));
    DeliveryReport refused = deliver(wrong, smarthost, message("a@s.test", BODY, "c@example.org"));
    assertEquals(DEFERRED, outcome(refused, 0), "a refused login is our configuration problem: defer");
    assertTrue(reply(refused, 0).contains("535"), reply(refused, 0));

    ScriptedSmtpServer plain = server("127.0.0.5", 0).auth("app", "s3cret");
    SmtpOutboundTransport noTls = transport(options(plain.port())
        .smarthostAuth(new SmarthostAuth("relay.test", "app", "s3cret")));
    DeliveryReport report = deliver(noTls, destination("example.org", "relay.test", "127.0.0.5"),
        message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(plain.sessions().get(0).commands().stream().noneMatch(c -> c.startsWith("AUTH")),
        "credentials must never cross a plaintext connection");
  }

  @Test
  void multiLineRepliesSplitAcrossPacketsAreParsed() throws Exception {
    ScriptedSmtpServer server = server().splitReplies(true).chunking(true);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertTrue(server.received().get(0).bdat(), "CHUNKING seen in the last line of a split EHLO reply");
  }

  @Test
  void malformedReplyDefersAndClosesTheConnection() throws Exception {
    ScriptedSmtpServer server = server().rawEhloReply("250-ok\r\nhello there\r\n", false);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).startsWith("451 4.5.0"), reply(report, 0));
  }

  @Test
  void serverClosingMidReplyDefers() throws Exception {
    ScriptedSmtpServer server = server().rawEhloReply("250-scripted\r\n250-PIPEL", true);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).contains("closed"), reply(report, 0));
  }

  @Test
  void slowServerTimesOutAndDefers() throws Exception {
    ScriptedSmtpServer server = server().replyDelay(Duration.ofMillis(1500));
    SmtpOutboundTransport transport = transport(options(server.port()).allTimeouts(Duration.ofMillis(300)));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).contains("timeout"), reply(report, 0));
    assertTrue(reply(report, 0).contains("greeting"), reply(report, 0));
  }

  @Test
  void concurrencyLimitQueuesAndReusesConnections() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()).maxConnectionsPerSite(1));
    List<io.vertx.core.Future<DeliveryReport>> reports = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reports.add(transport.deliver(local("example.org"), message("a@s.test", BODY, "r" + i + "@example.org")));
    }
    for (var report : reports) {
      assertEquals(DELIVERED, report.await(30, TimeUnit.SECONDS).results().get(0).outcome());
    }
    assertEquals(1, server.connections(), "one connection carried all five messages");
    assertEquals(5, server.received().size());
    assertEquals(1.0, registry.find("tern.outbound.connections.opened").counter().count());
    assertEquals(5.0, counter("tern.outbound.messages", "result", "delivered"));
    assertEquals(1.0, registry.find("tern.outbound.connections.active").tag("site", "mx.example.org").gauge().value());
  }

  @Test
  void maxMessagesPerConnectionAndIdleTimeoutCloseWithQuit() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()).maxMessagesPerConnection(2)
        .idleTimeout(Duration.ofMillis(200)));
    for (int i = 0; i < 3; i++) {
      assertEquals(DELIVERED, outcome(deliver(transport, local("example.org"), message("a@s.test", BODY, "r" + i + "@example.org")), 0));
    }
    assertEquals(2, server.connections());
    assertTrue(server.awaitCommand("QUIT", 2, Duration.ofSeconds(5)), "QUIT after the limit and after idling");
  }

  @Test
  void rateLimitStillDeliversEverything() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()).rateLimitPerSecond(20));
    List<io.vertx.core.Future<DeliveryReport>> reports = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      reports.add(transport.deliver(local("example.org"), message("a@s.test", BODY, "r" + i + "@example.org")));
    }
    for (var report : reports) {
      assertEquals(DELIVERED, report.await(30, TimeUnit.SECONDS).results().get(0).outcome());
    }
    assertEquals(25, server.received().size());
  }

  @Test
  void closedTransportDefers() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    transport.close().await(5, TimeUnit.SECONDS);
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertEquals(0, server.connections());
  }
}
