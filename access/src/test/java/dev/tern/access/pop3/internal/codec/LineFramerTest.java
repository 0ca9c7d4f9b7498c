package dev.tern.access.pop3.internal.codec;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineFramerTest {

  private static final String TOO_LONG = "<too long>";

  /** Feeds the input split at every position into two chunks and checks every split gives the same lines. */
  private static void assertLines(int limit, String input, List<String> expected) {
    for (int split = 0; split <= input.length(); split++) {
      LineFramer framer = new LineFramer(limit);
      List<String> lines = new ArrayList<>();
      framer.feed(Buffer.buffer(input.substring(0, split)));
      drain(framer, lines);
      framer.feed(Buffer.buffer(input.substring(split)));
      drain(framer, lines);
      assertEquals(expected, lines, "split at " + split);
    }
  }

  private static void drain(LineFramer framer, List<String> lines) {
    for (LineFramer.Line line = framer.next(); line != null; line = framer.next()) {
      lines.add(line.tooLong() ? TOO_LONG : line.text().toString());
    }
  }

  @Test
  void cutsAtCrlfOnly() {
    assertLines(100, "USER a\r\nPASS b c\r\n\r\nNOOP", List.of("USER a", "PASS b c", ""));
    assertLines(100, "a\nb\rc\r\n", List.of("a\nb\rc"));
  }

  @Test
  void lineAtTheLimitIsKeptOneMoreIsDiscarded() {
    assertLines(7, "12345\r\n123456\r\nok\r\n", List.of("12345", TOO_LONG, "ok"));
  }

  @Test
  void overlongLineIsDroppedWhileItArrivesAndMemoryStaysBounded() {
    LineFramer framer = new LineFramer(10);
    for (int i = 0; i < 1000; i++) {
      framer.feed(Buffer.buffer("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r"));
      assertNull(framer.next());
      assertTrue(framer.buffered() <= 10, "buffered " + framer.buffered());
    }
    framer.feed(Buffer.buffer("\nNOOP\r\n"));
    assertTrue(framer.next().tooLong());
    assertEquals("NOOP", framer.next().text().toString());
    assertNull(framer.next());
  }

  @Test
  void waitingLinesAreCountedAsBuffered() {
    LineFramer framer = new LineFramer(100);
    framer.feed(Buffer.buffer("STAT\r\nLIST\r\nRE"));
    assertEquals(14, framer.buffered());
    assertEquals("STAT", framer.next().text().toString());
    assertEquals(8, framer.buffered());
    assertEquals("LIST", framer.next().text().toString());
    assertNull(framer.next());
    framer.feed(Buffer.buffer("TR 1\r\n"));
    assertEquals("RETR 1", framer.next().text().toString());
    assertEquals(0, framer.buffered());
  }

  @Test
  void refusesAUselessLimit() {
    assertThrows(IllegalArgumentException.class, () -> new LineFramer(2));
  }
}
