package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.InMemorySpool.Stored;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail transactions over a real socket: the happy path, pipelining, sequencing and recipient policy. */
class TransactionTest extends RelayTestBase {

  @Override
  protected SmtpServerOptions relayOptions() {
    return RelayFixture.options(Role.MX);
  }

  @Test
  void ehloAdvertisesExtensionsButNoAuthOrStarttlsWithoutTls() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      String caps = c.ehlo("client.test");
      for (String ext : List.of("PIPELINING", "SIZE " + relay.options.maxMessageSize(), "8BITMIME", "SMTPUTF8",
          "ENHANCEDSTATUSCODES", "CHUNKING")) {
        assertTrue(caps.contains(ext), ext + " missing in " + caps);
      }
      assertFalse(caps.contains("AUTH"), caps);
      assertFalse(caps.contains("STARTTLS"), "no keyCert configured: " + caps);
    }
  }

  @Test
  void acceptsAMessageAndStoresItWithReceivedHeaderAndUnstuffedDots() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<bob@remote.test>").expect(250, "2.1.0");
      c.send("RCPT TO:<alice@example.org>").expect(250, "2.1.5");
      c.send("DATA").expect(354);
      c.raw("Subject: hi\r\n\r\nline one\r\n..dotted\r\n.\r\n");
      String queued = c.expect(250, "2.0.0 Ok: queued as ");
      c.send("QUIT").expect(221);
      assertTrue(c.closedByServer());
      Stored stored = relay.spool.stored().get(0);
      assertTrue(queued.contains(stored.id().value()));
      assertEquals("bob@remote.test", stored.envelope().sender());
      assertEquals(List.of("alice@example.org"), stored.envelope().recipients());
      assertEquals("client.test", stored.envelope().clientHelo());
      String text = stored.text();
      assertTrue(text.startsWith("Received: from client.test ([127.0.0.1])\r\n\tby mx.test with ESMTP\r\n"
          + "\tfor <alice@example.org>; "), text);
      assertTrue(text.endsWith("\r\nSubject: hi\r\n\r\nline one\r\n.dotted\r\n"), text);
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.raw("MAIL FROM:<>\r\nRCPT TO:<nobody@example.org>\r\nRCPT TO:<alice@example.org>\r\n"
          + "RCPT TO:<postmaster@example.org>\r\nDATA\r\nbody\r\n.\r\nNOOP\r\n");
      c.expect(250, "2.1.0");
      c.expect(550, "5.1.1");
      c.expect(250, "2.1.5");
      c.expect(250, "2.1.5");
      c.expect(354);
      c.expect(250, "queued as");
      c.expect(250, "2.0.0 Ok");
      Stored stored = relay.spool.stored().get(0);
      assertEquals("", stored.envelope().sender());
      assertEquals(List.of("alice@example.org", "postmaster@example.org"), stored.envelope().recipients());
    }
  }

  @Test
  void slowLookupsOnAnotherThreadStillAnswerInCommandOrder() throws Exception {
    relay.accounts.delayMillis(50);
    try (SmtpClient c = relay.connectFrom("127.0.0.2", Role.MX)) {
      c.ehlo("client.test");
      c.raw("MAIL FROM:<a@remote.test>\r\nRCPT TO:<nobody@example.org>\r\nRCPT TO:<alice@example.org>\r\n"
          + "RCPT TO:<x@elsewhere.test>\r\nRCPT TO:<x%elsewhere.test@example.org>\r\nDATA\r\nslow\r\n.\r\n");
      c.expect(250, "2.1.0");
      c.expect(550, "5.1.1");
      c.expect(250, "2.1.5");
      c.expect(554, "5.7.1");
      c.expect(550, "5.1.1");
      c.expect(354);
      c.expect(250, "queued");
    }
    assertEquals(List.of("alice@example.org"), relay.spool.stored().get(0).envelope().recipients());
  }

  @Test
  void commandsOutOfSequenceGet503() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.send("MAIL FROM:<a@b.test>").expect(503, "5.5.1");
      c.ehlo("client.test");
      c.send("RCPT TO:<alice@example.org>").expect(503, "5.5.1");
      c.send("DATA").expect(503, "5.5.1");
      c.send("MAIL FROM:<a@b.test>").expect(250);
      c.send("MAIL FROM:<a@b.test>").expect(503, "5.5.1");
      c.send("DATA").expect(503, "5.5.1");
      c.send("FOO bar").expect(500, "5.5.1");
      c.send("RSET").expect(250, "2.0.0");
      c.send("RCPT TO:<alice@example.org>").expect(503);
      c.send("VRFY alice").expect(252, "2.5.0");
      c.send("HELP").expect(214);
      c.send("NOOP").expect(250);
    }
    assertTrue(relay.spool.stored().isEmpty());
  }

  @Test
  void relayIsDeniedFromAnUntrustedAddressAndAllowedFromATrustedOne() throws Exception {
    try (SmtpClient c = relay.connectFrom("127.0.0.2", Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@b.test>").expect(250);
      c.send("RCPT TO:<victim@elsewhere.test>").expect(554, "5.7.1 Relay access denied");
      c.send("RCPT TO:<victim@[192.0.2.1]>").expect(554, "5.7.1");
      c.send("RCPT TO:<alice@example.org>").expect(250);
    }
    try (SmtpClient c = relay.connectFrom("127.0.0.1", Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@b.test>").expect(250);
      c.send("RCPT TO:<friend@elsewhere.test>").expect(250, "2.1.5");
    }
  }

  @Test
  void routingTricksInTheLocalPartNeverRelay() throws Exception {
    try (SmtpClient c = relay.connectFrom("127.0.0.2", Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@b.test>").expect(250);
      c.send("RCPT TO:<victim%elsewhere.test@example.org>").expect(550, "5.1.1");
      c.send("RCPT TO:<elsewhere.test!victim@example.org>").expect(550, "5.1.1");
      c.send("RCPT TO:<\"victim@elsewhere.test\"@example.org>").expect(550, "5.1.1");
      c.send("RCPT TO:<@example.org:victim@elsewhere.test>").expect(554, "5.7.1");
      c.send("RCPT TO:<@elsewhere.test:alice@example.org>").expect(250, "2.1.5");
      c.send("DATA").expect(354);
      c.raw("x\r\n.\r\n").expect(250);
    }
    assertEquals(List.of("alice@example.org"), relay.spool.stored().get(0).envelope().recipients());
  }

  @Test
  void rsetAbortsAndSessionServesAgain() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@b.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("RSET").expect(250);
      c.send("MAIL FROM:<a@b.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("DATA").expect(354);
      c.raw("ok\r\n.\r\n").expect(250);
    }
    assertEquals(1, relay.spool.stored().size());
  }
}
