package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Pop3CommandParserTest {

  static Stream<Arguments> validLines() {
    return Stream.of(
        Arguments.of("USER alice", new Pop3Command.User("alice")),
        Arguments.of("user alice@example.org", new Pop3Command.User("alice@example.org")),
        Arguments.of("USER alice ", new Pop3Command.User("alice")),
        Arguments.of("PASS secret", new Pop3Command.Pass("secret")),
        Arguments.of("PASS  two  spaces ", new Pop3Command.Pass(" two  spaces ")),
        Arguments.of("pass p\u00e4ss w\u00f6rd", new Pop3Command.Pass("p\u00e4ss w\u00f6rd")),
        Arguments.of("APOP mrose C4C9334BAC560ECC979E58001B3E22FB",
            new Pop3Command.Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb")),
        Arguments.of("STAT", new Pop3Command.Bare(Pop3Verb.STAT)),
        Arguments.of("stat", new Pop3Command.Bare(Pop3Verb.STAT)),
        Arguments.of("StAt ", new Pop3Command.Bare(Pop3Verb.STAT)),
        Arguments.of("NOOP", new Pop3Command.Bare(Pop3Verb.NOOP)),
        Arguments.of("RSET", new Pop3Command.Bare(Pop3Verb.RSET)),
        Arguments.of("QUIT", new Pop3Command.Bare(Pop3Verb.QUIT)),
        Arguments.of("CAPA", new Pop3Command.Bare(Pop3Verb.CAPA)),
        Arguments.of("STLS", new Pop3Command.Bare(Pop3Verb.STLS)),
        Arguments.of("AUTH", new Pop3Command.Bare(Pop3Verb.AUTH)),
        Arguments.of("LIST", new Pop3Command.Listing(OptionalInt.empty())),
        Arguments.of("LIST 2", new Pop3Command.Listing(OptionalInt.of(2))),
        Arguments.of("LIST 007", new Pop3Command.Listing(OptionalInt.of(7))),
        Arguments.of("UIDL", new Pop3Command.Uidl(OptionalInt.empty())),
        Arguments.of("uidl 2147483647", new Pop3Command.Uidl(OptionalInt.of(Integer.MAX_VALUE))),
        Arguments.of("RETR 1", new Pop3Command.Retr(1)),
        Arguments.of("DELE 42", new Pop3Command.Dele(42)),
        Arguments.of("TOP 1 0", new Pop3Command.Top(1, 0)),
        Arguments.of("top 3 10", new Pop3Command.Top(3, 10)),
        Arguments.of("AUTH plain", new Pop3Command.Auth("PLAIN", Optional.empty())),
        Arguments.of("AUTH PLAIN =", new Pop3Command.Auth("PLAIN", Optional.of("="))),
        Arguments.of("AUTH PLAIN AGFsaWNlAHNlY3JldA==",
            new Pop3Command.Auth("PLAIN", Optional.of("AGFsaWNlAHNlY3JldA=="))),
        Arguments.of("AUTH SCRAM-SHA-256", new Pop3Command.Auth("SCRAM-SHA-256", Optional.empty())));
  }

  @ParameterizedTest
  @MethodSource("validLines")
  void parsesValidCommands(String line, Pop3Command expected) {
    Pop3ParseResult result = parse(line);
    Pop3ParseResult.Parsed parsed = assertInstanceOf(Pop3ParseResult.Parsed.class, result, line);
    assertEquals(expected, parsed.command());
    assertEquals(expected.verb(), parsed.command().verb());
  }

  static Stream<Arguments> invalidLines() {
    return Stream.of(
        Arguments.of("", Pop3SyntaxError.EMPTY_LINE),
        Arguments.of("   ", Pop3SyntaxError.EMPTY_LINE),
        Arguments.of("HELO", Pop3SyntaxError.UNKNOWN_COMMAND),
        Arguments.of("ST", Pop3SyntaxError.UNKNOWN_COMMAND),
        Arguments.of("STATS", Pop3SyntaxError.UNKNOWN_COMMAND),
        Arguments.of(" STAT", Pop3SyntaxError.UNKNOWN_COMMAND),
        Arguments.of("RETRIEVE 1", Pop3SyntaxError.UNKNOWN_COMMAND),
        Arguments.of("STAT\tX", Pop3SyntaxError.CONTROL_CHARACTER),
        Arguments.of("USER a\u0000b", Pop3SyntaxError.CONTROL_CHARACTER),
        Arguments.of("PASS a\rb", Pop3SyntaxError.CONTROL_CHARACTER),
        Arguments.of("PASS a\nb", Pop3SyntaxError.CONTROL_CHARACTER),
        Arguments.of("NOOP\u007f", Pop3SyntaxError.CONTROL_CHARACTER),
        Arguments.of("USER", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("USER ", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("PASS", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("PASS ", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("RETR", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("DELE", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("TOP 1", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("APOP mrose", Pop3SyntaxError.MISSING_ARGUMENT),
        Arguments.of("USER a b", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("STAT 1", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("NOOP x", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("QUIT now", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("CAPA x", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("STLS x", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("RSET 1", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("LIST 1 2", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("UIDL 1 2", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("RETR 1 2", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("TOP 1 2 3", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("AUTH PLAIN AAAA BBBB", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("APOP a b c", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
        Arguments.of("RETR 0", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR -1", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR +1", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR 1.0", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR x", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR 0x10", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR \u0661", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR 2147483648", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR 99999999999999999999", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("DELE 0", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("LIST 0", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("UIDL -3", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("TOP 0 1", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("TOP 1 -1", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("TOP 1 +5", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("TOP 1 4294967296", Pop3SyntaxError.BAD_NUMBER),
        Arguments.of("RETR  1", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("TOP 1  2", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("APOP mrose xyz", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("APOP mrose c4c9334bac560ecc979e58001b3e22f", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("APOP mrose g4c9334bac560ecc979e58001b3e22fb", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("AUTH PL@IN", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("AUTH ABCDEFGHIJKLMNOPQRSTU", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("AUTH PLAIN abc", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("AUTH PLAIN ab!=", Pop3SyntaxError.BAD_ARGUMENT),
        Arguments.of("AUTH PLAIN *", Pop3SyntaxError.BAD_ARGUMENT));
  }

  @ParameterizedTest
  @MethodSource("invalidLines")
  void refusesBadLines(String line, Pop3SyntaxError expected) {
    Pop3ParseResult.Rejected rejected = assertInstanceOf(Pop3ParseResult.Rejected.class, parse(line), line);
    assertEquals(expected, rejected.error(), line);
  }

  @Test
  void lineLimitIs255OctetsIncludingCrlf() {
    String longest = "PASS " + "x".repeat(253 - 5);
    assertEquals(253, longest.length());
    assertInstanceOf(Pop3ParseResult.Parsed.class, parse(longest));
    Pop3ParseResult.Rejected rejected =
        assertInstanceOf(Pop3ParseResult.Rejected.class, parse(longest + "x"));
    assertEquals(Pop3SyntaxError.LINE_TOO_LONG, rejected.error());
  }

  @Test
  void configuredLineLimitIncludesCrlf() {
    Buffer line = Buffer.buffer("USER " + "u".repeat(95));
    assertInstanceOf(Pop3ParseResult.Parsed.class, Pop3CommandParser.parse(line, 102));
    assertEquals(Pop3SyntaxError.LINE_TOO_LONG,
        assertInstanceOf(Pop3ParseResult.Rejected.class, Pop3CommandParser.parse(line, 101)).error());
  }

  @Test
  void lineLimitCountsOctetsNotCharacters() {
    // 124 two-octet characters: 124 chars but 248 octets plus "PASS " = 253 octets, then one more is over.
    String fits = "PASS " + "\u00e9".repeat(124);
    assertInstanceOf(Pop3ParseResult.Parsed.class, parse(fits));
    assertEquals(Pop3SyntaxError.LINE_TOO_LONG,
        assertInstanceOf(Pop3ParseResult.Rejected.class, parse(fits + "x")).error());
  }

  @Test
  void refusesMalformedUtf8() {
    Buffer line = Buffer.buffer("PASS ").appendByte((byte) 0xC3).appendByte((byte) 0x28);
    Pop3ParseResult.Rejected rejected =
        assertInstanceOf(Pop3ParseResult.Rejected.class, Pop3CommandParser.parse(line));
    assertEquals(Pop3SyntaxError.MALFORMED_TEXT, rejected.error());
  }

  @Test
  void refusalReasonNeverEchoesClientText() {
    Pop3ParseResult.Rejected rejected =
        assertInstanceOf(Pop3ParseResult.Rejected.class, parse("XSECRETWORD hunter2"));
    assertEquals(false, rejected.reason().contains("hunter2") || rejected.reason().contains("SECRET"));
  }

  @Test
  void passwordIsHiddenFromToString() {
    assertEquals(false, new Pop3Command.Pass("hunter2").toString().contains("hunter2"));
    assertEquals(false, new Pop3Command.Auth("PLAIN", Optional.of("AGFsaWNlAHNlY3JldA=="))
        .toString().contains("AGFsaWNl"));
  }

  private static Pop3ParseResult parse(String line) {
    return Pop3CommandParser.parse(Buffer.buffer(line.getBytes(StandardCharsets.UTF_8)));
  }
}
