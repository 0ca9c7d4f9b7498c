package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopFilterTest {

  private static final String MESSAGE = "From: a\r\nSubject: b\r\n\r\none\r\n.\r\n..three\r\nfour\r\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(MESSAGE, 0, "From: a\r\nSubject: b\r\n\r\n.\r\n"),
        Arguments.of(MESSAGE, 1, "From: a\r\nSubject: b\r\n\r\none\r\n.\r\n"),
        Arguments.of(MESSAGE, 2, "From: a\r\nSubject: b\r\n\r\none\r\n..\r\n.\r\n"),
        Arguments.of(MESSAGE, 3, "From: a\r\nSubject: b\r\n\r\none\r\n..\r\n...three\r\n.\r\n"),
        Arguments.of(MESSAGE, 4, "From: a\r\nSubject: b\r\n\r\none\r\n..\r\n...three\r\nfour\r\n.\r\n"),
        Arguments.of(MESSAGE, 99, "From: a\r\nSubject: b\r\n\r\none\r\n..\r\n...three\r\nfour\r\n.\r\n"),
        Arguments.of("H: x\r\n", 5, "H: x\r\n.\r\n"),
        Arguments.of("H: x", 0, "H: x\r\n.\r\n"),
        Arguments.of("", 0, ".\r\n"),
        Arguments.of("\r\nbody\r\n", 0, "\r\n.\r\n"),
        Arguments.of("\r\nbody\r\nmore", 1, "\r\nbody\r\n.\r\n"),
        Arguments.of("H: x\n\n.\nb\n", 1, "H: x\r\n\r\n..\r\n.\r\n"),
        Arguments.of("H: x\r\rone\rtwo\r", 1, "H: x\r\n\r\none\r\n.\r\n"),
        Arguments.of("H: x\r\n\r\none\rtwo", 1, "H: x\r\n\r\none\r\n.\r\n"),
        Arguments.of("H: x\r\n\r\n.", 1, "H: x\r\n\r\n..\r\n.\r\n"),
        Arguments.of("H: x\r\n\r\n\r\n\r\nlast", 2, "H: x\r\n\r\n\r\n\r\n.\r\n"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everySplitPointGivesTheSameAnswer(String message, int lines, String wire) {
    assertEquals(wire, MessageTextOracle.top(message, lines), "oracle disagrees with the table");
    for (int a = 0; a <= message.length(); a++) {
      assertEquals(wire, topThenStuff(message, lines, new int[] {a}), "split at " + a);
      for (int b = a; b <= message.length(); b++) {
        assertEquals(wire, topThenStuff(message, lines, new int[] {a, b}), "split at " + a + "," + b);
      }
    }
  }

  @Test
  void rawOutputStopsRightAfterTheLastLine() {
    TopFilter filter = new TopFilter(1);
    Buffer out = filter.filter(Buffer.buffer(MESSAGE));
    assertEquals("From: a\r\nSubject: b\r\n\r\none\r\n", out.toString());
    assertTrue(filter.isDone());
    assertEquals(0, filter.filter(Buffer.buffer("more\r\n")).length());
  }

  @Test
  void bareCrAsLastLineEndingIsDecidedByTheNextChunk() {
    TopFilter filter = new TopFilter(0);
    assertEquals("H\r\r", filter.filter(Buffer.buffer("H\r\r")).toString());
    assertFalse(filter.isDone(), "a CR may still be followed by LF");
    assertEquals("", filter.filter(Buffer.buffer("body")).toString());
    assertTrue(filter.isDone());
  }

  @Test
  void notDoneWhileTheHeaderIsStillComing() {
    TopFilter filter = new TopFilter(0);
    filter.filter(Buffer.buffer("A: b\r\nC: d\r\n"));
    assertFalse(filter.isDone());
  }

  @Test
  void refusesNegativeLineCount() {
    assertThrows(IllegalArgumentException.class, () -> new TopFilter(-1));
  }

  private static String topThenStuff(String message, int lines, int[] splits) {
    Buffer bytes = Buffer.buffer(message.getBytes(StandardCharsets.ISO_8859_1));
    TopFilter filter = new TopFilter(lines);
    DotStuffer stuffer = new DotStuffer();
    Buffer out = Buffer.buffer();
    int from = 0;
    for (int split : splits) {
      out.appendBuffer(stuffer.stuff(filter.filter(bytes.slice(from, split))));
      from = split;
    }
    out.appendBuffer(stuffer.stuff(filter.filter(bytes.slice(from, bytes.length()))));
    return out.appendBuffer(stuffer.finish()).toString(StandardCharsets.ISO_8859_1);
  }
}
