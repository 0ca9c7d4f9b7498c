package dev.tern.relay.codec;

import dev.tern.relay.internal.codec.Mailbox;
import dev.tern.relay.internal.codec.PathSyntax;
import dev.tern.relay.internal.codec.PathSyntax.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 5321 4.1.2 paths, RFC 6531 UTF-8, and the characters we refuse. */
class PathSyntaxTest {

  private static PathSyntax.Result rcpt(String path) {
    return PathSyntax.parse(path, false, false, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<a@b.test>", "<a.b+c@x-y.test>", "<\"a b\"@c.test>", "<\"a\\\"b\"@c.test>", "<a@[127.0.0.1]>",
      "<a@[IPv6:2001:db8::1]>", "<!#$%&'*+-/=?^_`{|}~@x.test>", "<Postmaster>", "<a@localhost>"})
  void valid(String path) {
    assertTrue(rcpt(path).ok(), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a@b.test", "<a@b.test", "<>", "<a>", "<@b.test>", "<a@>", "<a@@b.test>", "<a@b@c.test>",
      "<.a@b.test>", "<a.@b.test>", "<a..b@c.test>", "<a b@c.test>", "<a@b..test>", "<a@-b.test>", "<a@b_c.test>",
      "<a@[300.0.0.1]>", "<a@[1.2.3]>", "<\"unterminated@b.test>", "<a(b)@c.test>", "<a@b.test >", "<@a.test,b.test:x@y.test>",
      "<@a.test:>", "<a@b.test:>", "<a;b@c.test>"})
  void invalid(String path) {
    assertEquals(Problem.SYNTAX, rcpt(path).problem(), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<a\u200B@b.test>", "<a\u200C@b.test>", "<a\u200E@b.test>", "<a\u200F@b.test>",
      "<a\u2028@b.test>", "<a\u2029@b.test>", "<a\uFEFF@b.test>", "<a\u00AD@b.test>", "<a\u2060@b.test>",
      "<a\u2063@b.test>", "<a\u202E@b.test>", "<a\u0000@b.test>", "<a\r@b.test>", "<a\n@b.test>", "<a\u0007@b.test>",
      "<a\u00A0@b.test>", "<a\u3000@b.test>", "<a\u180E@b.test>"})
  void invisibleAndControlCharactersAreRefusedEvenWithSmtputf8(String path) {
    assertEquals(Problem.FORBIDDEN_CHARACTER, PathSyntax.parse(path, false, true, false).problem(), path);
  }

  @Test
  void nonAsciiNeedsSmtputf8() {
    assertEquals(Problem.NON_ASCII, PathSyntax.parse("<j\u00F6rg@b.test>", false, false, false).problem());
    assertEquals(Problem.NON_ASCII, PathSyntax.parse("<a@b\u00FCcher.test>", false, false, false).problem());
    assertTrue(PathSyntax.parse("<j\u00F6rg@b\u00FCcher.test>", false, true, false).ok());
    assertTrue(PathSyntax.parse("<\u7528\u6237@\u4F8B\u5B50.\u6D4B\u8BD5>", false, true, false).ok());
  }

  @Test
  void nullPathOnlyWhereAllowed() {
    assertTrue(PathSyntax.parse("<>", true, false, false).nullPath());
    assertFalse(PathSyntax.parse("<>", false, false, false).ok());
  }

  @Test
  void postmasterOnlyAtRcpt() {
    assertTrue(PathSyntax.parse("<postmaster>", false, false, true).ok());
    assertFalse(PathSyntax.parse("<postmaster>", true, false, false).ok());
  }

  @Test
  void sourceRouteIsStripped() {
    Mailbox m = rcpt("<@relay1.test,@relay2.test:user@final.test>").mailbox();
    assertEquals("user@final.test", m.address());
    assertEquals("final.test", m.domain());
  }

  @Test
  void routingLookalikesKeepTheirRealDomain() {
    Mailbox percent = rcpt("<victim%evil.test@local.test>").mailbox();
    assertEquals("local.test", percent.domain());
    assertTrue(percent.hasRoutingCharacters());
    assertTrue(rcpt("<evil.test!victim@local.test>").mailbox().hasRoutingCharacters());
    Mailbox quoted = rcpt("<\"victim@evil.test\"@local.test>").mailbox();
    assertEquals("local.test", quoted.domain());
    assertTrue(quoted.hasRoutingCharacters());
    assertFalse(rcpt("<plain@local.test>").mailbox().hasRoutingCharacters());
    assertTrue(rcpt("<a@[10.0.0.1]>").mailbox().domainLiteral());
  }

  @Test
  void lengthLimits() {
    assertEquals(Problem.TOO_LONG, rcpt("<" + "a".repeat(65) + "@b.test>").problem());
    assertTrue(rcpt("<" + "a".repeat(64) + "@b.test>").ok());
    assertEquals(Problem.TOO_LONG, rcpt("<a@" + "b".repeat(60) + "." + "c".repeat(200) + ".test>").problem());
  }
}
