package dev.tern.load.sink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input gets the right reply, and the sink goes on serving the next connection. */
class BadInputTest {

  private SinkFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private RawSmtpClient greeted(SinkOptions options) throws Exception {
    fixture = SinkFixture.start(options);
    RawSmtpClient client = fixture.connect();
    assertTrue(client.hello().startsWith("250-"));
    return client;
  }

  private RawSmtpClient greeted() throws Exception {
    return greeted(SinkOptions.defaults());
  }

  @Test
  void unknownCommand() throws Exception {
    try (RawSmtpClient client = greeted()) {
      assertEquals("500 5.5.2 Command not recognized", client.command("FROB x"));
      assertEquals("250 2.0.0 Ok", client.command("NOOP"));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void outOfSequenceCommands() throws Exception {
    fixture = SinkFixture.start();
    try (RawSmtpClient client = fixture.connect()) {
      client.reply();
      assertEquals("503 5.5.1 Send EHLO or HELO first", client.command("MAIL FROM:<a@example.org>"));
      client.command("EHLO client.example.org");
      assertEquals("503 5.5.1 Need MAIL command", client.command("RCPT TO:<b@example.org>"));
      assertEquals("503 5.5.1 Need MAIL command", client.command("DATA"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
      assertEquals("503 5.5.1 Sender already given", client.command("MAIL FROM:<a@example.org>"));
      assertEquals("503 5.5.1 Need RCPT command", client.command("DATA"));
      assertEquals("250 2.0.0 Ok", client.command("RSET"));
      assertEquals("503 5.5.1 Need MAIL command", client.command("DATA"));
    }
    assertEquals(0, fixture.stats().messagesAccepted());
    fixture.assertServesNextConnection();
  }

  @Test
  void syntaxErrors() throws Exception {
    try (RawSmtpClient client = greeted()) {
      assertEquals("501 5.5.4 Syntax: EHLO hostname", client.command("EHLO"));
      assertEquals("501 5.5.4 Syntax: MAIL FROM:<address> [parameters]", client.command("MAIL FROM:a@example.org"));
      assertEquals("501 5.1.3 Bad address syntax", client.command("MAIL FROM:<no-domain>"));
      assertEquals("501 5.5.4 Bad parameter value", client.command("MAIL FROM:<a@example.org> SIZE=big"));
      assertEquals("501 5.5.4 Bad parameter value", client.command("MAIL FROM:<a@example.org> BODY=BINARYMIME"));
      assertEquals("555 5.5.4 Parameter not recognized or not implemented",
          client.command("MAIL FROM:<a@example.org> RET=FULL"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<> BODY=8BITMIME SIZE=100"));
      assertEquals("501 5.1.3 Bad address syntax", client.command("RCPT TO:<>"));
      assertEquals("501 5.5.4 Syntax: RCPT TO:<address>", client.command("RCPT b@example.org"));
      assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<Postmaster>"));
      assertEquals("501 5.5.4 This command takes no arguments", client.command("DATA now"));
      assertEquals("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery",
          client.command("VRFY someone"));
      assertTrue(client.command("HELP").startsWith("214 "));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void nonAsciiAddressesNeedSmtpUtf8() throws Exception {
    try (RawSmtpClient client = greeted()) {
      assertEquals("553 5.6.7 Non-ASCII address without SMTPUTF8", client.command("MAIL FROM:<j\u00f6rg@example.org>"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
      assertEquals("553 5.6.7 Non-ASCII address without SMTPUTF8", client.command("RCPT TO:<\u00e5sa@example.org>"));
      assertEquals("554 5.5.1 No valid recipients", client.command("DATA"));
      client.send("BDAT 2 LAST\r\nxy");
      assertEquals("554 5.5.1 No valid recipients", client.reply());
      assertEquals("250 2.0.0 Ok", client.command("RSET"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<j\u00f6rg@example.org> SMTPUTF8"));
      assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<\u00e5sa@example.org>"));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void commandLinesOver512OctetsAreRefusedAndTheSessionGoesOn() throws Exception {
    try (RawSmtpClient client = greeted()) {
      String longest = "NOOP " + "x".repeat(512 - "NOOP ".length() - 2);
      assertEquals("250 2.0.0 Ok", client.command(longest), "512 octets with CRLF is the limit, not past it");
      assertEquals("500 5.5.2 Line too long (the limit is 512 octets with CRLF)",
          client.command("NOOP " + "x".repeat(600)));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void aCommandEndedByABareLineFeedIsRefused() throws Exception {
    try (RawSmtpClient client = greeted()) {
      client.send("NOOP\n");
      assertEquals("500 5.5.2 Command lines end with CRLF, not a bare LF", client.reply());
      assertEquals("250 2.0.0 Ok", client.command("NOOP"));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void messagesOverTheSizeLimitGet552AndTheSessionGoesOn() throws Exception {
    SinkOptions options = SinkOptions.defaults().withLimits(1000, 1000, Duration.ofMinutes(5), 10);
    try (RawSmtpClient client = greeted(options)) {
      assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
          client.command("MAIL FROM:<a@example.org> SIZE=1001"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org> SIZE=1000"));
      client.command("RCPT TO:<b@example.org>");
      assertTrue(client.command("DATA").startsWith("354"));
      assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
          client.command("Subject: big\r\n\r\n" + "y".repeat(2000) + "\r\n."));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
      client.command("RCPT TO:<b@example.org>");
      client.command("DATA");
      assertEquals("250 2.0.0 Ok: message accepted", client.command("Subject: small\r\n\r\nfits\r\n."));
    }
    assertEquals(1, fixture.stats().messagesAccepted());
    fixture.assertServesNextConnection();
  }

  @Test
  void tooManyRecipientsGet452() throws Exception {
    SinkOptions options = SinkOptions.defaults().withLimits(1000, 2, Duration.ofMinutes(5), 10);
    try (RawSmtpClient client = greeted(options)) {
      client.command("MAIL FROM:<a@example.org>");
      assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<b@example.org>"));
      assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<c@example.org>"));
      assertEquals("452 4.5.3 Too many recipients", client.command("RCPT TO:<d@example.org>"));
      client.command("DATA");
      assertEquals("250 2.0.0 Ok: message accepted", client.command("Subject: two\r\n\r\nok\r\n."));
    }
    assertEquals(2, fixture.stats().recipients());
    fixture.assertServesNextConnection();
  }

  @Test
  void aBareLineFeedDotDoesNotEndTheMessage() throws Exception {
    try (RawSmtpClient client = greeted()) {
      client.command("MAIL FROM:<a@example.org>");
      client.command("RCPT TO:<b@example.org>");
      client.command("DATA");
      // The smuggling attempts: each "." line not framed by CRLF on both sides must stay content.
      client.send("Subject: first\r\n\r\nbody\n.\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@example.org>\r\n"
          + "DATA\r\n.\nsmuggled\r\n\n.\r\nmore\r\n");
      client.send("end\r\n.\r\n");
      assertEquals("250 2.0.0 Ok: message accepted", client.reply());
      assertEquals("250 2.0.0 Ok", client.command("NOOP"), "nothing else was answered in between");
    }
    SinkStats stats = fixture.stats();
    assertEquals(1, stats.messagesAccepted());
    assertEquals(1, stats.transactions());
    assertEquals(1, stats.recipients());
    fixture.assertServesNextConnection();
  }

  @Test
  void tooManyErrorsGet421AndTheConnectionIsClosed() throws Exception {
    try (RawSmtpClient client = greeted()) {
      for (int i = 1; i < 10; i++) {
        assertEquals("500 5.5.2 Command not recognized", client.command("BOGUS " + i));
      }
      assertTrue(client.command("BOGUS 10").startsWith("421 4.7.0 "));
      assertTrue(client.closedByServer());
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void anIdleSessionGets421() throws Exception {
    SinkOptions options = SinkOptions.defaults().withLimits(1000, 10, Duration.ofMillis(200), 10);
    try (RawSmtpClient client = greeted(options)) {
      assertTrue(client.reply().startsWith("421 4.4.2 "));
      assertTrue(client.closedByServer());
    }
    assertEquals(0, fixture.stats().messagesAccepted());
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    try (RawSmtpClient client = greeted()) {
      client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<>\r\nRCPT TO:<c@example.org>\r\n"
          + "DATA\r\n");
      assertEquals("250 2.1.0 Sender ok", client.reply());
      assertEquals("250 2.1.5 Recipient ok", client.reply());
      assertEquals("501 5.1.3 Bad address syntax", client.reply());
      assertEquals("250 2.1.5 Recipient ok", client.reply());
      assertTrue(client.reply().startsWith("354 "));
      client.send("Subject: p\r\n\r\n.\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nQUIT\r\n");
      assertEquals("250 2.0.0 Ok: message accepted", client.reply());
      assertEquals("250 2.1.0 Sender ok", client.reply());
      assertEquals("250 2.1.5 Recipient ok", client.reply());
      assertEquals("221 2.0.0 Bye", client.reply());
      assertNull(client.reply());
    }
    assertEquals(2, fixture.stats().transactions());
    assertEquals(1, fixture.stats().messagesAccepted());
  }

  @Test
  void startTlsIsNotOfferedWithoutTls() throws Exception {
    try (RawSmtpClient client = greeted()) {
      assertEquals("502 5.5.1 Command not implemented", client.command("STARTTLS"));
    }
    fixture.assertServesNextConnection();
  }
}
