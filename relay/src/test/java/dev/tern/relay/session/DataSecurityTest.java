package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATA end-of-data detection, SMTP smuggling variants and message-content limits. */
class DataSecurityTest extends RelayTestBase {

  @Override
  protected SmtpServerOptions relayOptions() {
    return RelayFixture.options(Role.MX)
        .maxMessageSize(10_000).maxHeaderBytes(2_000).maxReceivedHeaders(3).maxTextLineLength(100);
  }

  private SmtpClient inData() throws Exception {
    SmtpClient c = relay.connect(Role.MX);
    c.ehlo("client.test");
    c.send("MAIL FROM:<bob@remote.test>").expect(250);
    c.send("RCPT TO:<alice@example.org>").expect(250);
    c.send("DATA").expect(354);
    return c;
  }

  /** The session must still work, and a fresh session too. */
  private void assertServerStillServes(SmtpClient c) throws Exception {
    c.send("NOOP").expect(250);
    try (SmtpClient fresh = relay.connect(Role.MX)) {
      fresh.ehlo("again.test");
      fresh.send("MAIL FROM:<x@remote.test>").expect(250);
      fresh.send("RCPT TO:<alice@example.org>").expect(250);
      fresh.send("DATA").expect(354);
      fresh.raw("fine\r\n.\r\n").expect(250);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r", "\r\n.\n", "\r.\r\n", "\n.\r"})
  void smugglingTerminatorsDoNotEndDataAndTheMessageIsRefused(String fakeEnd) throws Exception {
    try (SmtpClient c = inData()) {
      c.raw("Subject: a\r\n\r\nfirst" + fakeEnd + "MAIL FROM:<evil@remote.test>\r\nRCPT TO:<victim@example.org>\r\n"
          + "DATA\r\nsmuggled\r\n.\r\n");
      c.expect(550, "5.6.11");
      assertServerStillServes(c);
    }
    assertEquals(1, relay.spool.stored().size(), "only the clean follow-up message is stored");
    assertFalse(relay.spool.stored().get(0).text().contains("smuggled"));
    assertFalse(relay.accounts.resolved().contains("victim@example.org"), "smuggled RCPT must not run");
  }

  @Test
  void terminatorSplitAcrossWritesIsFound() throws Exception {
    try (SmtpClient c = inData()) {
      c.raw("Subject: a\r\n\r\nbody\r");
      Thread.sleep(30);
      c.raw("\n.");
      Thread.sleep(30);
      c.raw("\r");
      Thread.sleep(30);
      c.raw("\n");
      c.expect(250, "queued");
    }
    assertTrue(relay.spool.stored().get(0).text().endsWith("\r\n\r\nbody\r\n"));
  }

  @Test
  void emptyBodyIsAccepted() throws Exception {
    try (SmtpClient c = inData()) {
      c.raw(".\r\n").expect(250);
    }
    assertTrue(relay.spool.stored().get(0).text().startsWith("Received: "));
  }

  @Test
  void oversizedMessageIsDrainedRefusedAndNotStored() throws Exception {
    try (SmtpClient c = inData()) {
      String line = "x".repeat(80) + "\r\n";
      c.raw("Subject: big\r\n\r\n" + line.repeat(200) + ".\r\n");
      c.expect(552, "5.3.4");
      assertServerStillServes(c);
    }
    assertEquals(1, relay.spool.stored().size());
    assertEquals(2, relay.spool.begun());
    assertEquals(1, relay.spool.aborted());
  }

  @Test
  void sizeParameterOverTheLimitIsRefusedAtMail() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<bob@remote.test> SIZE=10001").expect(552, "5.3.4");
      c.send("MAIL FROM:<bob@remote.test> SIZE=10000").expect(250);
    }
  }

  @Test
  void tooLongTextLineRefusesTheMessageButKeepsTheSession() throws Exception {
    try (SmtpClient c = inData()) {
      c.raw("Subject: a\r\n\r\n" + "y".repeat(99) + "\r\n.\r\n");
      c.expect(554, "5.6.0");
      assertServerStillServes(c);
    }
    assertEquals(1, relay.spool.stored().size());
  }

  @Test
  void headerSectionOverTheLimitIsRefused() throws Exception {
    try (SmtpClient c = inData()) {
      c.raw(("X-Filler: " + "h".repeat(60) + "\r\n").repeat(40) + "\r\nbody\r\n.\r\n");
      c.expect(554, "5.6.0");
      assertServerStillServes(c);
    }
  }

  @Test
  void tooManyReceivedHeadersIsAMailLoop() throws Exception {
    try (SmtpClient c = inData()) {
      c.raw("Received: from a\r\nreceived: from b\r\nRECEIVED: from c\r\nSubject: loop\r\n\r\nbody\r\n.\r\n");
      c.expect(554, "5.4.6");
      c.send("MAIL FROM:<bob@remote.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("DATA").expect(354);
      c.raw("Received: from a\r\nReceived: from b\r\nSubject: ok\r\n\r\nReceived: in the body does not count\r\n.\r\n");
      c.expect(250);
    }
    assertEquals(1, relay.spool.stored().size());
  }

  @Test
  void spoolCommitFailureGives451AndNothingIsQueued() throws Exception {
    relay.spool.failCommits(true);
    try (SmtpClient c = inData()) {
      c.raw("body\r\n.\r\n").expect(451, "4.3.0");
      c.send("NOOP").expect(250);
    }
    assertTrue(relay.spool.stored().isEmpty());
  }

  @Test
  void spoolNotAcceptingDefersMail() throws Exception {
    relay.spool.health(dev.tern.delivery.SpoolHealth.refusing("disk full"));
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<bob@remote.test>").expect(452, "4.3.1");
      relay.spool.health(dev.tern.delivery.SpoolHealth.OK);
      c.send("MAIL FROM:<bob@remote.test>").expect(250);
    }
  }

  @Test
  void largeBodyIsStreamedInBoundedPiecesWithBackPressure() throws Exception {
    relay.close();
    relay = new RelayFixture(vertx, RelayFixture.options(Role.MX).maxMessageSize(5_000_000)).start();
    relay.spool.asyncWrites(true);
    String line = "z".repeat(70) + "\r\n";
    int lines = 40_000;
    try (SmtpClient c = inData()) {
      StringBuilder chunk = new StringBuilder("Subject: big\r\n\r\n");
      for (int i = 0; i < lines; i++) {
        chunk.append(line);
        if (chunk.length() > 100_000) {
          c.raw(chunk.toString());
          chunk.setLength(0);
        }
      }
      c.raw(chunk + ".\r\n");
      c.expect(250, "queued");
    }
    String text = relay.spool.stored().get(0).text();
    assertTrue(text.endsWith("Subject: big\r\n\r\n" + line.repeat(lines)), "whole body stored in order");
    assertTrue(relay.spool.largestWrite() <= 64 * 1024 + 1024, "largest write " + relay.spool.largestWrite());
  }
}
