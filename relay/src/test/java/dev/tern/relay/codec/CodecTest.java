package dev.tern.relay.codec;

import dev.tern.relay.internal.codec.CommandLine;
import dev.tern.relay.internal.codec.MailParameters;
import dev.tern.relay.internal.codec.PathArgument;
import dev.tern.relay.internal.codec.ReceivedHeader;
import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.codec.SaslCodec;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command lines, replies, parameters, SASL and the trace header, without sockets. */
class CodecTest {

  @Test
  void commandLineSplitsVerbAndArgument() {
    assertEquals(new CommandLine("MAIL", "FROM:<a@b>"), CommandLine.parse("mail FROM:<a@b>"));
    assertEquals(new CommandLine("QUIT", ""), CommandLine.parse("QUIT"));
    assertEquals(new CommandLine("NOOP", "x"), CommandLine.parse("NOOP   x  "));
    assertEquals(new CommandLine("", ""), CommandLine.parse(""));
  }

  @Test
  void controlCharactersAreDetected() {
    assertTrue(CommandLine.hasControlCharacters("MAIL\0"));
    assertTrue(CommandLine.hasControlCharacters("A\rB"));
    assertTrue(CommandLine.hasControlCharacters("A\nB"));
    assertTrue(CommandLine.hasControlCharacters("A\u007fB"));
    assertFalse(CommandLine.hasControlCharacters("HELO a\tb"));
  }

  @Test
  void repliesCarryTheEnhancedCodeOnEveryLine() {
    assertEquals("250 2.0.0 Ok\r\n", Reply.of(250, "2.0.0", "Ok").format());
    assertEquals("214-2.0.0 a\r\n214 2.0.0 b\r\n", new Reply(214, "2.0.0", List.of("a", "b")).format());
    assertEquals("250-host\r\n250 SIZE 1\r\n", new Reply(250, null, List.of("host", "SIZE 1")).format());
    assertTrue(Reply.of(550, "5.1.1", "x").isPermanentFailure());
    assertFalse(Reply.of(451, "4.3.0", "x").isPermanentFailure());
  }

  @Test
  void pathArgumentsAndParameters() {
    PathArgument a = PathArgument.parse("FROM:<a@b.test> size=10 BODY=8BITMIME SMTPUTF8", "FROM");
    assertEquals("<a@b.test>", a.path());
    assertEquals(List.of(new PathArgument.Parameter("SIZE", "10"), new PathArgument.Parameter("BODY", "8BITMIME"),
        new PathArgument.Parameter("SMTPUTF8", null)), a.parameters());
    assertEquals("<\"x>y\"@b.test>", PathArgument.parse("TO:<\"x>y\"@b.test>", "TO").path());
    assertEquals("<a@b>", PathArgument.parse("from: <a@b>", "FROM").path());
    assertNull(PathArgument.parse("FROM:a@b", "FROM"));
    assertNull(PathArgument.parse("FROM:<a@b", "FROM"));
    assertNull(PathArgument.parse("FROM:<a@b>x", "FROM"));
    assertNull(PathArgument.parse("TO:<a@b>", "FROM"));
    assertNull(PathArgument.parse("FROM:<a@b> =x", "FROM"));
  }

  @Test
  void mailParameters() {
    MailParameters p = MailParameters.parse(PathArgument.parse(
        "FROM:<> SIZE=99 BODY=binarymime SMTPUTF8 ENVID=x+41y RET=full", "FROM").parameters()).parameters();
    assertEquals(99, p.declaredSize());
    assertEquals(dev.tern.delivery.Envelope.BodyType.BINARY_MIME, p.body());
    assertTrue(p.smtpUtf8());
    assertEquals("x+41y", p.envelopeId());
    assertEquals("FULL", p.ret());
    assertEquals(555, error("FROM:<> XFOO").code());
    assertEquals(501, error("FROM:<> SIZE=").code());
    assertEquals(501, error("FROM:<> SIZE=1 SIZE=2").code());
    assertEquals(501, error("FROM:<> SMTPUTF8=yes").code());
    assertEquals(501, error("FROM:<> ENVID=a+zz").code());
    assertEquals(501, error("FROM:<> SIZE=99999999999999999999").code());
    assertNull(MailParameters.checkRecipientParameters(
        PathArgument.parse("TO:<a@b> NOTIFY=NEVER ORCPT=rfc822;a@b", "TO").parameters()));
    assertEquals(555, MailParameters.checkRecipientParameters(
        PathArgument.parse("TO:<a@b> SIZE=1", "TO").parameters()).code());
  }

  private static Reply error(String argument) {
    return MailParameters.parse(PathArgument.parse(argument, "FROM").parameters()).error();
  }

  @Test
  void saslDecoding() {
    assertEquals("", SaslCodec.decode("="));
    assertNull(SaslCodec.decode("**"));
    SaslCodec.PlainCredentials c = SaslCodec.parsePlain(SaslCodec.decode(SaslCodec.encode("\0alice\0pw")));
    assertEquals("alice", c.username());
    assertEquals("pw", c.password());
    assertEquals("", c.authorizationId());
    assertNull(SaslCodec.parsePlain("alice\0pw"));
    assertNull(SaslCodec.parsePlain("\0\0pw"));
    assertNull(SaslCodec.parsePlain("a\0b\0c\0d"));
  }

  @Test
  void receivedHeader() {
    ZonedDateTime when = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    assertEquals("Received: from c.test ([192.0.2.1])\r\n\tby mx.test with ESMTPSA\r\n\tfor <a@b.test>; "
            + "Fri, 2 Jan 2026 03:04:05 +0000\r\n",
        ReceivedHeader.format("c.test", "192.0.2.1", "mx.test", true, true, true, false, "a@b.test", when));
    assertEquals("Received: from c ([IPv6:::1])\r\n\tby mx.test with SMTP; Fri, 2 Jan 2026 03:04:05 +0000\r\n",
        ReceivedHeader.format("c", "::1", "mx.test", false, false, false, false, null, when));
    assertTrue(ReceivedHeader.format("c", "::1", "m", true, true, false, true, null, when).contains("with UTF8SMTPS;"));
  }
}
