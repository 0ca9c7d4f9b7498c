package dev.tern.load.sink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BDAT (RFC 3030): chunks are read by their size, never as commands, whatever the reply to the BDAT. */
class ChunkingTest {

  private SinkFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private RawSmtpClient inTransaction(SinkOptions options) throws Exception {
    fixture = SinkFixture.start(options);
    RawSmtpClient client = fixture.connect();
    assertTrue(client.hello().contains("CHUNKING"));
    assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
    assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<b@example.org>"));
    return client;
  }

  /** Sends a BDAT command and its chunk in one write, as a pipelining client does, and returns the reply. */
  private static String chunk(RawSmtpClient client, String command, String data) throws Exception {
    client.send(command + "\r\n" + data);
    return client.reply();
  }

  @Test
  void chunksMakeOneMessageOfTheirTotalSize() throws Exception {
    try (RawSmtpClient client = inTransaction(SinkOptions.defaults())) {
      // The first chunk ends in the middle of a line and holds a "." line: BDAT has no dot rules.
      String first = "Subject: c\r\n\r\n.\r\nab";
      assertEquals("250 2.0.0 Ok", chunk(client, "BDAT " + first.length(), first));
      assertEquals("503 5.5.1 BDAT transfer in progress: send BDAT, RSET or QUIT", client.command("DATA"));
      assertEquals("250 2.0.0 Ok: message accepted", chunk(client, "BDAT 4 LAST", "cd\r\n"));
    }
    assertEquals(1, fixture.stats().messagesAccepted());
    assertEquals("Subject: c\r\n\r\n.\r\nab".length() + 4, fixture.stats().bytes());
    fixture.assertServesNextConnection();
  }

  @Test
  void aZeroLastChunkEndsTheMessage() throws Exception {
    try (RawSmtpClient client = inTransaction(SinkOptions.defaults())) {
      client.send("BDAT 3\r\nabcBDAT 0 LAST\r\n");
      assertEquals("250 2.0.0 Ok", client.reply());
      assertEquals("250 2.0.0 Ok: message accepted", client.reply());
    }
    assertEquals(3, fixture.stats().bytes());
  }

  @Test
  void aRefusedChunkIsStillReadAndNotTakenForCommands() throws Exception {
    fixture = SinkFixture.start();
    try (RawSmtpClient client = fixture.connect()) {
      client.hello();
      // No MAIL yet: 503, and the six octets "NOOP\r\n" are chunk data, not a NOOP.
      assertEquals("503 5.5.1 Need MAIL command", chunk(client, "BDAT 6 LAST", "NOOP\r\n"));
      client.command("MAIL FROM:<a@example.org>");
      assertEquals("503 5.5.1 Need RCPT command", chunk(client, "BDAT 6 LAST", "RSET\r\n"));
      assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<b@example.org>"));
      assertEquals("250 2.0.0 Ok: message accepted", chunk(client, "BDAT 2 LAST", "ok"));
    }
    assertEquals(1, fixture.stats().messagesAccepted());
    fixture.assertServesNextConnection();
  }

  @Test
  void badChunkSizesAreSyntaxErrors() throws Exception {
    try (RawSmtpClient client = inTransaction(SinkOptions.defaults())) {
      assertEquals("501 5.5.4 Syntax: BDAT size [LAST]", client.command("BDAT"));
      assertEquals("501 5.5.4 Syntax: BDAT size [LAST]", client.command("BDAT -5"));
      assertEquals("501 5.5.4 Syntax: BDAT size [LAST]", client.command("BDAT 5 FIRST"));
      assertEquals("501 5.5.4 Syntax: BDAT size [LAST]", client.command("BDAT 1234567890123456789 LAST"));
      assertEquals("250 2.0.0 Ok: message accepted", chunk(client, "BDAT 1 LAST", "x"));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void chunksOverTheSizeLimitGet552AtTheLastOne() throws Exception {
    SinkOptions options = SinkOptions.defaults().withLimits(100, 10, Duration.ofMinutes(5), 10);
    try (RawSmtpClient client = inTransaction(options)) {
      assertEquals("250 2.0.0 Ok", chunk(client, "BDAT 60", "x".repeat(60)));
      assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
          chunk(client, "BDAT 60 LAST", "y".repeat(60)));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
    }
    assertEquals(0, fixture.stats().messagesAccepted());
    fixture.assertServesNextConnection();
  }
}
