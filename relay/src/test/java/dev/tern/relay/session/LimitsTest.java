package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session limits: line length, recipients, errors, timeouts, connections. */
class LimitsTest extends RelayTestBase {

  private void assertNewSessionWorks() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("fresh.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
    }
  }

  @Test
  void tooLongCommandLineIsRefusedAndTheSessionGoesOn() throws Exception {
    start(RelayFixture.options(Role.MX).maxCommandLineLength(100));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.send("EHLO " + "a".repeat(200)).expect(500, "5.5.2");
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
    }
  }

  @Test
  void aLineBeyondTheFramerLimitClosesTheConnection() throws Exception {
    start(RelayFixture.options(Role.MX));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.raw("NOOP " + "n".repeat(600_000));
      c.expect(500, "5.5.2");
      assertTrue(c.closedByServer());
    }
    assertNewSessionWorks();
  }

  @Test
  void tooManyRecipients() throws Exception {
    start(RelayFixture.options(Role.MX).maxRecipients(2));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("RCPT TO:<postmaster@example.org>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(452, "4.5.3");
      c.send("DATA").expect(354);
      c.raw("x\r\n.\r\n").expect(250);
    }
    assertEquals(2, relay.spool.stored().get(0).envelope().recipients().size());
  }

  @Test
  void tooManyErrorsEndTheSession() throws Exception {
    start(RelayFixture.options(Role.MX).maxErrors(3));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.send("BOGUS").expect(500);
      c.send("MAIL FROM:<a@b.test>").expect(503);
      c.send("BOGUS").expect(500);
      c.expect(421, "4.7.0");
      assertTrue(c.closedByServer());
    }
    assertNewSessionWorks();
  }

  @Test
  void idleClientIsTimedOut() throws Exception {
    start(RelayFixture.options(Role.MX).commandTimeout(Duration.ofMillis(300)));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.expect(421, "4.4.2");
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void stalledDataIsTimedOutAndNothingIsStored() throws Exception {
    start(RelayFixture.options(Role.MX).dataTimeout(Duration.ofMillis(300)));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("DATA").expect(354);
      c.raw("partial\r\n");
      c.expect(421, "4.4.2");
      assertTrue(c.closedByServer());
    }
    assertTrue(relay.spool.stored().isEmpty());
    assertEquals(1, relay.spool.aborted());
  }

  @Test
  void aSlowSpoolIsNotTheClientsTimeout() throws Exception {
    start(RelayFixture.options(Role.MX).dataTimeout(Duration.ofMillis(200)).commandTimeout(Duration.ofMillis(200)));
    relay.spool.commitDelayMillis(700);
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.raw("MAIL FROM:<a@remote.test>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n");
      c.expect(250);
      c.expect(250);
      c.expect(354);
      c.raw("slow disk\r\n.\r\nNOOP\r\n");
      c.expect(250, "queued");
      c.expect(250, "Ok");
    }
    assertEquals(1, relay.spool.stored().size());
  }

  @Test
  void connectionsPerIpAreLimited() throws Exception {
    start(RelayFixture.options(Role.MX).maxConnectionsPerIp(2));
    try (SmtpClient a = relay.connect(Role.MX); SmtpClient b = relay.connect(Role.MX);
         SmtpClient third = new SmtpClient("127.0.0.1", relay.port(Role.MX))) {
      third.expect(421, "4.7.0");
      assertTrue(third.closedByServer());
      try (SmtpClient other = relay.connectFrom("127.0.0.3", Role.MX)) {
        other.send("NOOP").expect(250);
      }
      a.send("NOOP").expect(250);
      b.send("NOOP").expect(250);
    }
    Thread.sleep(100);
    assertNewSessionWorks();
  }

  @Test
  void totalConnectionsAreLimited() throws Exception {
    start(RelayFixture.options(Role.MX).maxConnections(1));
    try (SmtpClient a = relay.connect(Role.MX);
         SmtpClient second = new SmtpClient("127.0.0.1", relay.port(Role.MX), "127.0.0.4")) {
      second.expect(421, "4.7.0");
      a.send("NOOP").expect(250);
    }
  }

  @Test
  void metricsCountSessionsCommandsAndMessages() throws Exception {
    start(RelayFixture.options(Role.MX));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("DATA").expect(354);
      c.raw("hello\r\n.\r\n").expect(250);
      assertEquals(1.0, relay.meters.get("tern.smtp.sessions.active").gauge().value());
      c.send("QUIT").expect(221);
    }
    assertEquals(1.0, relay.meters.get("tern.smtp.sessions").counter().count());
    assertEquals(1.0, relay.meters.get("tern.smtp.commands").tag("verb", "MAIL").counter().count());
    assertEquals(1.0, relay.meters.get("tern.smtp.messages.accepted").counter().count());
    assertEquals(7.0, relay.meters.get("tern.smtp.bytes.accepted").counter().count());
    assertEquals(1L, relay.meters.get("tern.smtp.accept.latency").timer().count());
  }
}
