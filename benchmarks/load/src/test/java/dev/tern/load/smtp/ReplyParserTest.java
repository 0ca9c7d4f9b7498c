package dev.tern.load.smtp;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyParserTest {

  private final List<SmtpReply> replies = new ArrayList<>();
  private final ReplyParser parser = new ReplyParser(replies::add);

  private void feed(String text) {
    parser.feed(Buffer.buffer(text));
  }

  @Test
  void multilineRepliesSplitAcrossReads() {
    feed("250-tern.test hello\r\n250-PIPE");
    assertTrue(replies.isEmpty());
    assertTrue(parser.pending());
    feed("LINING\r\n250-SIZE 1000\r\n250 STARTTLS\r\n220 ready\r\n");

    assertEquals(List.of(new SmtpReply(250, List.of("tern.test hello", "PIPELINING", "SIZE 1000", "STARTTLS")),
        new SmtpReply(220, List.of("ready"))), replies);
    assertFalse(parser.pending());
    Capabilities capabilities = Capabilities.fromEhlo(replies.get(0));
    assertTrue(capabilities.pipelining());
    assertTrue(capabilities.size());
    assertTrue(capabilities.startTls());
    assertFalse(capabilities.auth("PLAIN"));
  }

  @Test
  void bareCodesAndBareLineFeeds() {
    feed("354\n250 ok\n");
    assertEquals(List.of(new SmtpReply(354, List.of("")), new SmtpReply(250, List.of("ok"))), replies);
  }

  @Test
  void badRepliesAreProtocolErrors() {
    for (String bad : List.of("hello\r\n", "25\r\n", "250x\r\n", "099 low\r\n", "600 high\r\n",
        "250-one\r\n251 two\r\n")) {
      ReplyParser fresh = new ReplyParser(reply -> { });
      assertThrows(SmtpProtocolException.class, () -> fresh.feed(Buffer.buffer(bad)), bad);
    }
  }

  @Test
  void limitsHoldAgainstEndlessReplies() {
    SmtpProtocolException longLine = assertThrows(SmtpProtocolException.class,
        () -> feed("250 " + "x".repeat(ReplyParser.MAX_LINE)));
    assertTrue(longLine.getMessage().contains("longer than"));

    ReplyParser fresh = new ReplyParser(reply -> { });
    SmtpProtocolException manyLines = assertThrows(SmtpProtocolException.class,
        () -> fresh.feed(Buffer.buffer("250-line\r\n".repeat(ReplyParser.MAX_LINES + 1))));
    assertTrue(manyLines.getMessage().contains("lines"));
  }

  @Test
  void authMechanismsAreMatchedAsWords() {
    feed("250-x\r\n250-AUTH LOGIN plain\r\n250 8BITMIME\r\n");
    Capabilities capabilities = Capabilities.fromEhlo(replies.get(0));
    assertTrue(capabilities.auth("PLAIN"));
    assertTrue(capabilities.auth("login"));
    assertFalse(capabilities.auth("CRAM-MD5"));
  }
}
