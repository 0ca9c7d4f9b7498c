package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImapLineFramerTest {

  private static final ImapLineFramer.Limits SMALL = new ImapLineFramer.Limits(40, 10, 15);

  /** What the test owner does with an announced literal. */
  private enum Policy { ACCEPT, STREAM, REJECT, STREAM_APPEND_ELSE_ACCEPT }

  /** A recording owner: feeds the input in pieces and writes every event as a line of text. */
  private static List<String> run(ImapLineFramer.Limits limits, Policy policy, List<String> pieces) {
    ImapLineFramer framer = new ImapLineFramer(limits);
    List<String> events = new ArrayList<>();
    StringBuilder streamed = new StringBuilder();
    for (String piece : pieces) {
      framer.feed(Buffer.buffer(piece));
      for (ImapLineFramer.Event event = framer.next(); event != null; event = framer.next()) {
        if (event instanceof ImapLineFramer.CommandReady ready) {
          events.add("CMD " + render(ready.line()));
        } else if (event instanceof ImapLineFramer.LiteralAnnounced announced) {
          events.add("ANN " + announced.size() + (announced.synchronising() ? "" : "+")
              + (announced.fitsInMemory() ? "" : " big"));
          decide(framer, policy, announced);
        } else if (event instanceof ImapLineFramer.LiteralChunk chunk) {
          streamed.append(chunk.data().toString(StandardCharsets.UTF_8));
          if (chunk.last()) {
            events.add("STREAM " + streamed);
            streamed.setLength(0);
          }
        } else if (event instanceof ImapLineFramer.LineTooLong tooLong) {
          events.add("TOOLONG " + tooLong.tag());
        }
      }
    }
    return events;
  }

  private static void decide(ImapLineFramer framer, Policy policy, ImapLineFramer.LiteralAnnounced announced) {
    switch (policy) {
      case ACCEPT -> {
        if (announced.fitsInMemory()) {
          framer.acceptLiteral();
        } else {
          framer.rejectLiteral();
        }
      }
      case STREAM -> framer.streamLiteral();
      case REJECT -> framer.rejectLiteral();
      case STREAM_APPEND_ELSE_ACCEPT -> {
        if (ImapParser.isAppendMessage(announced.soFar())) {
          framer.streamLiteral();
        } else {
          framer.acceptLiteral();
        }
      }
    }
  }

  private static String render(ImapCommandLine line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.segments().size(); i++) {
      out.append(line.segments().get(i).toString(StandardCharsets.UTF_8));
      if (i < line.literals().size()) {
        ImapCommandLine.Literal literal = line.literals().get(i);
        out.append(literal.isStreamed() ? "<streamed " + literal.size() + ">"
            : "<" + literal.data().toString(StandardCharsets.UTF_8) + ">");
      }
    }
    return out.toString();
  }

  /** Same events whatever the split: in two pieces at every position, and byte by byte. */
  private static void assertEvents(ImapLineFramer.Limits limits, Policy policy, String input, List<String> expected) {
    for (int split = 0; split <= input.length(); split++) {
      assertEquals(expected, run(limits, policy, List.of(input.substring(0, split), input.substring(split))),
          "split at " + split);
    }
    List<String> bytes = input.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    assertEquals(expected, run(limits, policy, bytes), "byte by byte");
  }

  @Test
  void splitsPlainLinesAtCrlf() {
    assertEvents(SMALL, Policy.ACCEPT, "a1 NOOP\r\na2 LOGOUT\r\n\r\nincomplete",
        List.of("CMD a1 NOOP", "CMD a2 LOGOUT", "CMD "));
  }

  @Test
  void holdsSynchronisingAndNonSynchronisingLiterals() {
    assertEvents(SMALL, Policy.ACCEPT, "a LOGIN {3}\r\nbob {4+}\r\np\r\nw\r\n",
        List.of("ANN 3", "ANN 4+", "CMD a LOGIN {3}<bob> {4+}<p\r\nw>"));
    assertEvents(SMALL, Policy.ACCEPT, "a X {0}\r\n\r\n", List.of("ANN 0", "CMD a X {0}<>"));
  }

  @Test
  void streamsLiteralChunksAndThenCompletesTheLine() {
    assertEvents(SMALL, Policy.STREAM_APPEND_ELSE_ACCEPT,
        "a APPEND {5}\r\nINBOX (\\Seen) {20+}\r\nSubject: x\r\n\r\nbody!!\r\nb NOOP\r\n",
        List.of("ANN 5", "ANN 20+ big", "STREAM Subject: x\r\n\r\nbody!!",
            "CMD a APPEND {5}<INBOX> (\\Seen) {20+}<streamed 20>", "CMD b NOOP"));
    assertEvents(SMALL, Policy.STREAM, "a APPEND x {0}\r\n\r\n", List.of("ANN 0", "STREAM ", "CMD a APPEND x {0}<streamed 0>"));
  }

  @Test
  void rejectedSynchronisingLiteralIsNeverSentAndTheNextLineIsANewCommand() {
    assertEvents(SMALL, Policy.ACCEPT, "a APPEND x {99}\r\nb NOOP\r\n", List.of("ANN 99 big", "CMD b NOOP"));
  }

  @Test
  void rejectedNonSynchronisingLiteralIsSkippedWithTheRestOfItsCommand() {
    assertEvents(SMALL, Policy.ACCEPT, "a APPEND x {12+}\r\n0123456789\r\n more {2+}\r\nzz tail\r\nb NOOP\r\n",
        List.of("ANN 12+ big", "CMD b NOOP"));
    assertEvents(SMALL, Policy.REJECT, "a LOGIN {3+}\r\nbob pw\r\nb NOOP\r\n", List.of("ANN 3+", "CMD b NOOP"));
  }

  @Test
  void literalsOfOneCommandShareAByteBudget() {
    // 8 + 8 > 15 held octets: the second one no longer fits.
    assertEvents(SMALL, Policy.ACCEPT, "a X {8}\r\n12345678 {8}\r\nb NOOP\r\n",
        List.of("ANN 8", "ANN 8 big", "CMD b NOOP"));
  }

  @Test
  void overlongLineIsReportedWithItsTagAndSkipped() {
    String longLine = "t9 SEARCH " + "x".repeat(100);
    assertEvents(SMALL, Policy.ACCEPT, longLine + "\r\nb NOOP\r\n", List.of("TOOLONG t9", "CMD b NOOP"));
    // The limit counts all text of a command, literals excluded.
    assertEvents(SMALL, Policy.ACCEPT, "a X {2}\r\nzz" + "y".repeat(35) + "\r\nb NOOP\r\n",
        List.of("ANN 2", "TOOLONG a", "CMD b NOOP"));
    // A line exactly at the limit is kept.
    String atLimit = "a " + "y".repeat(38);
    assertEvents(SMALL, Policy.ACCEPT, atLimit + "\r\n", List.of("CMD " + atLimit));
  }

  @Test
  void overlongLineEndingInNonSynchronisingLiteralSkipsTheLiteralToo() {
    String input = "t1 APPEND " + "x".repeat(60) + " {5+}\r\nab\r\nc\r\nb NOOP\r\n";
    assertEvents(SMALL, Policy.ACCEPT, input, List.of("TOOLONG t1", "CMD b NOOP"));
  }

  @Test
  void overlongLineKeepsMemoryBounded() {
    ImapLineFramer framer = new ImapLineFramer(SMALL);
    framer.feed(Buffer.buffer("tag1 "));
    for (int i = 0; i < 1000; i++) {
      framer.feed(Buffer.buffer("x".repeat(50) + "\r"));
      assertNull(framer.next());
      assertTrue(framer.buffered() <= SMALL.maxLineLength(), "buffered " + framer.buffered());
    }
    framer.feed(Buffer.buffer("\nb NOOP\r\n"));
    assertEquals("tag1", assertInstanceOf(ImapLineFramer.LineTooLong.class, framer.next()).tag());
    assertInstanceOf(ImapLineFramer.CommandReady.class, framer.next());
  }

  @Test
  void waitsForADecisionAndRefusesWrongCalls() {
    ImapLineFramer framer = new ImapLineFramer(SMALL);
    assertThrows(IllegalStateException.class, framer::acceptLiteral);
    framer.feed(Buffer.buffer("a X {11}\r\nhello world\r\n"));
    ImapLineFramer.LiteralAnnounced announced =
        assertInstanceOf(ImapLineFramer.LiteralAnnounced.class, framer.next());
    assertEquals("a", ImapParser.tagOf(announced.soFar()));
    assertNull(framer.next());
    assertThrows(IllegalStateException.class, framer::acceptLiteral);
    framer.streamLiteral();
    assertEquals("hello world",
        assertInstanceOf(ImapLineFramer.LiteralChunk.class, framer.next()).data().toString());

    ImapLineFramer big = new ImapLineFramer(SMALL);
    big.feed(Buffer.buffer("b X {11}\r\n"));
    assertInstanceOf(ImapLineFramer.LiteralAnnounced.class, big.next());
    assertThrows(IllegalStateException.class, big::acceptLiteral);
    big.rejectLiteral();
    big.feed(Buffer.buffer("c NOOP\r\n"));
    assertInstanceOf(ImapLineFramer.CommandReady.class, big.next());
  }
}
