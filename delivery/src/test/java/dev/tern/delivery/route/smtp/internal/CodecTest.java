package dev.tern.delivery.route.smtp.internal;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reply decoding, capabilities, dot-stuffing, address checks: the parts that need no socket. */
class CodecTest {

  private final List<Reply> replies = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final ReplyDecoder decoder = new ReplyDecoder(replies::add, errors::add);

  @Test
  void multiLineReplyInArbitraryPieces() {
    String wire = "250-mx.example greets you\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-AUTH=LOGIN\r\n250 CHUNKING\r\n220 next\n";
    for (char c : wire.toCharArray()) {
      decoder.feed(Buffer.buffer(String.valueOf(c)));
    }
    assertEquals(2, replies.size());
    Capabilities caps = Capabilities.fromEhlo(replies.get(0));
    assertTrue(caps.pipelining());
    assertTrue(caps.chunking());
    assertEquals(1000, caps.sizeLimit());
    assertTrue(caps.authMechanisms().contains("LOGIN"));
    assertFalse(caps.startTls());
    assertEquals(220, replies.get(1).code());
    assertTrue(errors.isEmpty());
  }

  @Test
  void malformedRepliesAreProtocolErrors() {
    for (String bad : List.of("hello\r\n", "25\r\n", "2500 x\r\n", "250-a\r\n251 b\r\n", "999 x\r\n", "abc def\r\n")) {
      List<String> errs = new ArrayList<>();
      new ReplyDecoder(r -> { }, errs::add).feed(Buffer.buffer(bad));
      assertEquals(1, errs.size(), bad);
    }
    List<String> errs = new ArrayList<>();
    new ReplyDecoder(r -> { }, errs::add).feed(Buffer.buffer("250 " + "x".repeat(5000)));
    assertEquals(1, errs.size(), "an endless line is refused before it fills memory");
  }

  @Test
  void discardDropsWhatFollowsInTheSamePacket() {
    ReplyDecoder[] self = new ReplyDecoder[1];
    List<Reply> seen = new ArrayList<>();
    self[0] = new ReplyDecoder(r -> {
      seen.add(r);
      if (r.code() == 220) {
        self[0].discardBuffered();
      }
    }, e -> { });
    self[0].feed(Buffer.buffer("220 go ahead\r\n250 injected\r\n"));
    assertEquals(1, seen.size());
    self[0].feed(Buffer.buffer("250 after tls\r\n"));
    assertEquals("after tls", seen.get(1).lines().get(0));
  }

  @Test
  void sizeCapabilityVariants() {
    assertEquals(0, Capabilities.fromEhlo(new Reply(250, List.of("x", "SIZE"))).sizeLimit());
    assertEquals(0, Capabilities.fromEhlo(new Reply(250, List.of("x", "SIZE banana"))).sizeLimit());
    assertEquals(0, Capabilities.NONE.sizeLimit());
  }

  @Test
  void dotStuffingAcrossChunkBoundaries() {
    DotStuffer stuffer = new DotStuffer();
    Buffer out = Buffer.buffer();
    for (String piece : List.of(".a\r", "\n.", ".b\r\nc.d\n", ".")) {
      out.appendBuffer(stuffer.stuff(Buffer.buffer(piece)));
    }
    out.appendBuffer(stuffer.terminator());
    assertEquals("..a\r\n...b\r\nc.d\n..\r\n.\r\n", out.toString());
    assertEquals(".\r\n", new DotStuffer().terminator().toString(), "an empty body is just the dot");
  }

  @Test
  void envelopeAddressChecks() {
    assertNull(EnvelopeAddress.problem("a@example.org", false, false));
    assertNull(EnvelopeAddress.problem("\"john doe\"@example.org", false, false));
    assertNull(EnvelopeAddress.problem("", true, false));
    assertNotNull(EnvelopeAddress.problem("", false, false));
    assertNotNull(EnvelopeAddress.problem("a@example.org\r\nRSET", false, false));
    assertNotNull(EnvelopeAddress.problem("a b@example.org", false, false));
    assertNotNull(EnvelopeAddress.problem("a@", false, false));
    assertNotNull(EnvelopeAddress.problem("a@ex..org", false, false));
    assertNotNull(EnvelopeAddress.problem("\"open@example.org", false, false));
    assertNotNull(EnvelopeAddress.problem("jürgen@example.org", false, false));
    assertNull(EnvelopeAddress.problem("jürgen@example.org", false, true));
    assertNotNull(EnvelopeAddress.problem("x".repeat(250) + "@example.org", false, false));
  }

  @Test
  void commandLinesNeverCarryLineBreaksOrExceedTheLimit() {
    assertThrows(IllegalArgumentException.class, () -> SmtpConnection.commandLine("RCPT TO:<a@b>\r\nDATA"));
    assertThrows(IllegalArgumentException.class, () -> SmtpConnection.commandLine("X".repeat(997)));
    assertEquals("NOOP\r\n", SmtpConnection.commandLine("NOOP").toString());
    assertEquals("id+2B1+3Dx", XText.encode("id+1=x"));
  }
}
