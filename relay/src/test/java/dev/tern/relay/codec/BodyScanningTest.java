package dev.tern.relay.codec;

import dev.tern.relay.internal.codec.BodyLineScanner;
import dev.tern.relay.internal.codec.HeaderInspector;
import dev.tern.relay.internal.codec.LineEndingChecker;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DATA reader as the session runs it (CRLF framer + {@link BodyLineScanner}), fed in every possible
 * split of the input: only CRLF.CRLF ends the data, dots are unstuffed, bare CR/LF is flagged.
 */
class BodyScanningTest {

  /** What one DATA phase produced. */
  private record Outcome(boolean ended, String body, boolean bare, boolean longLine, String rest) {
  }

  /** Feeds {@code wire} split at {@code cut} (and byte by byte when cut < 0). */
  private static Outcome read(String wire, int cut, int maxLine) {
    BodyLineScanner scanner = new BodyLineScanner(maxLine);
    StringBuilder body = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    boolean[] ended = {false};
    RecordParser framer = RecordParser.newDelimited("\r\n");
    framer.handler(record -> {
      if (ended[0]) {
        rest.append(record.toString(StandardCharsets.ISO_8859_1)).append('|');
      } else if (BodyLineScanner.isEndOfData(record)) {
        ended[0] = true;
      } else {
        body.append(scanner.unstuff(record).toString(StandardCharsets.ISO_8859_1));
      }
    });
    byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
    if (cut < 0) {
      for (byte b : bytes) {
        framer.handle(Buffer.buffer(new byte[] {b}));
      }
    } else {
      framer.handle(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, cut)));
      framer.handle(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
    }
    return new Outcome(ended[0], body.toString(), scanner.sawBareLineEnding(), scanner.sawLineTooLong(), rest.toString());
  }

  @Test
  void endsOnlyAtCrlfDotCrlfInEverySplit() {
    String wire = "Subject: x\r\n\r\n..leading dot\r\nbody\r\n.\r\nQUIT\r\n";
    for (int cut = -1; cut <= wire.length(); cut++) {
      Outcome o = read(wire, cut, 1000);
      assertTrue(o.ended(), "cut " + cut);
      assertEquals("Subject: x\r\n\r\n.leading dot\r\nbody\r\n", o.body(), "cut " + cut);
      assertFalse(o.bare());
      assertEquals("QUIT|", o.rest(), "cut " + cut);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r", "\r\n.\n", "\r.\r\n", "\n.\r", "\r\n.\r"})
  void smugglingTerminatorsAreNotTheEndAndAreFlagged(String fake) {
    String wire = "a" + fake + "MAIL FROM:<x@y>\r\n.\r\n";
    for (int cut = -1; cut <= wire.length(); cut++) {
      Outcome o = read(wire, cut, 1000);
      assertTrue(o.ended());
      assertTrue(o.bare(), "bare line ending must be flagged, cut " + cut);
      assertTrue(o.body().contains("MAIL FROM"), "the fake end is part of the body, cut " + cut);
      assertEquals("", o.rest());
    }
  }

  @Test
  void immediateTerminatorIsAnEmptyBody() {
    Outcome o = read(".\r\n", 1, 1000);
    assertTrue(o.ended());
    assertEquals("", o.body());
  }

  @Test
  void longLinesAreFlaggedIncludingCrlf() {
    assertFalse(read("x".repeat(8) + "\r\n.\r\n", 3, 10).longLine());
    assertTrue(read("x".repeat(9) + "\r\n.\r\n", 3, 10).longLine());
  }

  @Test
  void headerInspectorCountsReceivedAndMeasuresTheHeaderInAnySplit() {
    String message = "Received: a\r\nX: 1\r\nreceived: b\r\n Received: folded, not a field\r\n\r\nReceived: body\r\n";
    byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
    for (int cut = 0; cut <= bytes.length; cut++) {
      HeaderInspector h = new HeaderInspector();
      h.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, cut)));
      h.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
      assertEquals(2, h.receivedCount(), "cut " + cut);
      assertTrue(h.headerComplete());
      assertEquals(message.indexOf("\r\n\r\n") + 4, h.headerBytes(), "cut " + cut);
    }
  }

  @Test
  void lineEndingCheckerAcrossChunks() {
    LineEndingChecker ok = new LineEndingChecker();
    ok.feed(Buffer.buffer("a\r"));
    ok.feed(Buffer.buffer("\nb\r\n"));
    assertFalse(ok.sawBareLineEnding(true));
    LineEndingChecker lf = new LineEndingChecker();
    lf.feed(Buffer.buffer("a\nb"));
    assertTrue(lf.sawBareLineEnding(false));
    LineEndingChecker cr = new LineEndingChecker();
    cr.feed(Buffer.buffer("a\r"));
    cr.feed(Buffer.buffer("b"));
    assertTrue(cr.sawBareLineEnding(false));
    LineEndingChecker trailing = new LineEndingChecker();
    trailing.feed(Buffer.buffer("a\r"));
    assertFalse(trailing.sawBareLineEnding(false));
    assertTrue(trailing.sawBareLineEnding(true));
  }
}
