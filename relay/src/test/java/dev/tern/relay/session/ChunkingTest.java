package dev.tern.relay.session;

import dev.tern.delivery.Envelope.BodyType;
import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CHUNKING / BDAT (RFC 3030), including the sequencing rules and BINARYMIME. */
class ChunkingTest extends RelayTestBase {

  @Override
  protected SmtpServerOptions relayOptions() {
    return RelayFixture.options(Role.MX).maxMessageSize(300_000);
  }

  private SmtpClient ready(String mailParameters) throws Exception {
    SmtpClient c = relay.connect(Role.MX);
    c.ehlo("client.test");
    c.send("MAIL FROM:<bob@remote.test>" + mailParameters).expect(250);
    c.send("RCPT TO:<alice@example.org>").expect(250);
    return c;
  }

  @Test
  void chunksAreJoinedAndBdatZeroLastCommits() throws Exception {
    try (SmtpClient c = ready("")) {
      c.raw("BDAT 16\r\nSubject: s\r\n\r\nab").expect(250, "2.0.0 16 octets");
      c.raw("BDAT 7\r\ncd.\r\n\r\n").expect(250, "7 octets");
      c.send("BDAT 0 LAST").expect(250, "queued as");
    }
    String text = relay.spool.stored().get(0).text();
    assertTrue(text.endsWith("\r\nSubject: s\r\n\r\nabcd.\r\n\r\n"), text);
  }

  @Test
  void pipelinedBdatWithLargeChunk() throws Exception {
    String body = "Subject: big\r\n\r\n" + "q".repeat(70).concat("\r\n").repeat(2500);
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.raw("MAIL FROM:<bob@remote.test>\r\nRCPT TO:<alice@example.org>\r\nBDAT " + body.length() + " LAST\r\n" + body
          + "NOOP\r\n");
      c.expect(250);
      c.expect(250);
      c.expect(250, "queued");
      c.expect(250, "Ok");
    }
    assertTrue(relay.spool.stored().get(0).text().endsWith(body));
    assertTrue(relay.spool.largestWrite() <= 64 * 1024 + 1024);
  }

  @Test
  void bdatOutOfSequenceIsReadAndRefusedSoItsBytesAreNotCommands() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.raw("BDAT 23\r\nRCPT TO:<x@example.org>").expect(503, "5.5.1");
      c.send("MAIL FROM:<bob@remote.test>").expect(250);
      c.raw("BDAT 4 LAST\r\nQUIT").expect(503, "5.5.1");
      c.send("NOOP").expect(250);
    }
    assertTrue(relay.accounts.resolved().isEmpty());
    assertTrue(relay.spool.stored().isEmpty());
  }

  @Test
  void dataAfterBdatAndBinarymimeWithDataAre503() throws Exception {
    try (SmtpClient c = ready("")) {
      c.raw("BDAT 3\r\nabc").expect(250);
      c.send("DATA").expect(503, "5.5.1");
      c.send("RSET").expect(250);
    }
    assertEquals(1, relay.spool.aborted());
    try (SmtpClient c = ready(" BODY=BINARYMIME")) {
      c.send("DATA").expect(503, "5.5.1");
      c.raw("BDAT 5 LAST\r\na\nb\rc").expect(250, "queued");
    }
    var stored = relay.spool.stored().get(0);
    assertEquals(BodyType.BINARY_MIME, stored.envelope().body());
    assertTrue(stored.text().endsWith("a\nb\rc"));
  }

  @Test
  void bareLineEndingsInNonBinaryBdatAreRefused() throws Exception {
    try (SmtpClient c = ready(" BODY=8BITMIME")) {
      c.raw("BDAT 8 LAST\r\nx\n.\nyyyy").expect(550, "5.6.11");
      c.send("MAIL FROM:<bob@remote.test>").expect(250);
    }
    assertTrue(relay.spool.stored().isEmpty());
  }

  @Test
  void crlfSplitAcrossChunksIsFine() throws Exception {
    try (SmtpClient c = ready("")) {
      c.raw("BDAT 3\r\nab\r").expect(250);
      c.raw("BDAT 3 LAST\r\n\ncd").expect(250, "queued");
    }
  }

  @Test
  void oversizedBdatIsDrainedAndRefused() throws Exception {
    try (SmtpClient c = ready("")) {
      String chunk = "Subject: x\r\n\r\n" + "z".repeat(200_000);
      c.raw("BDAT " + chunk.length() + "\r\n" + chunk).expect(250);
      c.raw("BDAT " + chunk.length() + " LAST\r\n" + chunk).expect(552, "5.3.4");
      c.send("NOOP").expect(250);
    }
    assertTrue(relay.spool.stored().isEmpty());
  }

  @Test
  void badBdatSyntax() throws Exception {
    try (SmtpClient c = ready("")) {
      c.send("BDAT").expect(501, "5.5.4");
      c.send("BDAT -1").expect(501);
      c.send("BDAT 1 FIRST").expect(501);
      c.raw("BDAT 2 last\r\nok").expect(250, "queued");
    }
  }
}
