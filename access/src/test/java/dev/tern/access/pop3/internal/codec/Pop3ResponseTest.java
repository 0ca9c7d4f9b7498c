package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pop3ResponseTest {

  @Test
  void singleLines() {
    assertEquals("+OK ready\r\n", Pop3Response.ok("ready").format());
    assertEquals("+OK\r\n", Pop3Response.ok("").format());
    assertEquals("-ERR no such message\r\n", Pop3Response.err("no such message").format());
    assertEquals("+OK 2 320\r\n", Pop3Response.stat(2, 320).format());
  }

  @Test
  void responseCodesInBrackets() {
    assertEquals("-ERR [IN-USE] maildrop locked\r\n",
        Pop3Response.err(ResponseCode.IN_USE, "maildrop locked").format());
    assertEquals("-ERR [AUTH] invalid credentials\r\n",
        Pop3Response.err(ResponseCode.AUTH, "invalid credentials").format());
    assertEquals("-ERR [SYS/TEMP] try later\r\n", Pop3Response.err(ResponseCode.SYS_TEMP, "try later").format());
    assertEquals("-ERR [SYS/PERM] broken\r\n", Pop3Response.err(ResponseCode.SYS_PERM, "broken").format());
    assertEquals("-ERR [LOGIN-DELAY] wait\r\n", Pop3Response.err(ResponseCode.LOGIN_DELAY, "wait").format());
  }

  @Test
  void multiLineIsTerminatedAndStuffed() {
    Pop3Response capa = Pop3Response.multiLine("capabilities follow",
        List.of("USER", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "SASL PLAIN", "STLS"));
    assertTrue(capa.isMultiLine());
    assertEquals("+OK capabilities follow\r\nUSER\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\n"
        + "SASL PLAIN\r\nSTLS\r\n.\r\n", capa.format());
    assertEquals("+OK\r\n..odd\r\n.\r\n", Pop3Response.multiLine("", List.of(".odd")).format());
    assertEquals("+OK 0 messages\r\n.\r\n", Pop3Response.multiLine("0 messages", List.of()).format());
  }

  @Test
  void listings() {
    Pop3Response list = Pop3Response.multiLine("2 messages", List.of(
        Pop3Response.scanListing(1, 120), Pop3Response.scanListing(2, 200)));
    assertEquals("+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n", list.format());
    String uid = UidlEncoding.encode(7, 3);
    assertEquals("+OK 1 00000003" + "00000007\r\n", Pop3Response.ok(Pop3Response.uniqueIdListing(1, uid)).format());
  }

  @Test
  void bufferIsUtf8OfTheText() {
    Pop3Response response = Pop3Response.ok("gr\u00fc\u00dfe");
    assertEquals(Buffer.buffer("+OK gr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8)), response.toBuffer());
    assertFalse(response.toString().contains("\r"));
  }

  @Test
  void saslChallenge() {
    assertEquals("+ \r\n", Pop3Response.saslChallenge(new byte[0]).toString());
    assertEquals("+ aGk=\r\n", Pop3Response.saslChallenge("hi".getBytes(StandardCharsets.US_ASCII)).toString());
  }

  @Test
  void refusesLineInjectionAndOverlongText() {
    assertThrows(IllegalArgumentException.class, () -> Pop3Response.ok("a\r\n+OK forged"));
    assertThrows(IllegalArgumentException.class, () -> Pop3Response.err("a\nb"));
    assertThrows(IllegalArgumentException.class, () -> Pop3Response.multiLine("x", List.of("a\rb")));
    assertThrows(IllegalArgumentException.class, () -> Pop3Response.ok("x".repeat(511)));
    assertThrows(NullPointerException.class, () -> Pop3Response.err(null, "x"));
  }
}
