package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DotStufferTest {

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of("", ".\r\n"),
        Arguments.of("a\r\n", "a\r\n.\r\n"),
        Arguments.of("a", "a\r\n.\r\n"),
        Arguments.of(".", "..\r\n.\r\n"),
        Arguments.of(".\r\n", "..\r\n.\r\n"),
        Arguments.of("..\r\n", "...\r\n.\r\n"),
        Arguments.of("a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n"),
        Arguments.of("a\r\n..\r\n.x\r\n", "a\r\n...\r\n..x\r\n.\r\n"),
        Arguments.of("a.b\r\n x.\r\n", "a.b\r\n x.\r\n.\r\n"),
        Arguments.of("a\nb\n", "a\r\nb\r\n.\r\n"),
        Arguments.of("a\n.\n", "a\r\n..\r\n.\r\n"),
        Arguments.of("a\rb\r", "a\r\nb\r\n.\r\n"),
        Arguments.of("a\r.\r", "a\r\n..\r\n.\r\n"),
        Arguments.of("\r\n\r\n", "\r\n\r\n.\r\n"),
        Arguments.of("\n\r", "\r\n\r\n.\r\n"),
        Arguments.of("\r\r\n", "\r\n\r\n.\r\n"),
        Arguments.of("a\r\n\n.", "a\r\n\r\n..\r\n.\r\n"),
        Arguments.of("Subject: x\r\n\r\n.\r\n..\r\n.", "Subject: x\r\n\r\n..\r\n...\r\n..\r\n.\r\n"));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void wholeMessage(String message, String wire) {
    assertEquals(wire, feed(message, new int[0]));
    assertEquals(wire, MessageTextOracle.retr(message), "oracle disagrees with the table");
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everySplitPointGivesTheSameWire(String message, String wire) {
    for (int a = 0; a <= message.length(); a++) {
      assertEquals(wire, feed(message, new int[] {a}), "split at " + a);
      for (int b = a; b <= message.length(); b++) {
        assertEquals(wire, feed(message, new int[] {a, b}), "split at " + a + "," + b);
      }
    }
  }

  @Test
  void byteAtATimeOverMixedText() {
    String message = "From: a\r\n\r\n.\n..\r.\r\nend.\r\n.";
    assertEquals(MessageTextOracle.retr(message), feedBytewise(message));
  }

  @Test
  void eightBitBytesPassUnchanged() {
    byte[] raw = {(byte) 0xC3, (byte) 0xA9, '\r', '\n', (byte) 0xFF, '.', '\n'};
    DotStuffer stuffer = new DotStuffer();
    Buffer out = stuffer.stuff(Buffer.buffer(raw)).appendBuffer(stuffer.finish());
    byte[] expected = {(byte) 0xC3, (byte) 0xA9, '\r', '\n', (byte) 0xFF, '.', '\r', '\n', '.', '\r', '\n'};
    assertEquals(Buffer.buffer(expected), out);
  }

  @Test
  void outputPerChunkIsBoundedByTheChunk() {
    // The worst case is a chunk of only "." lines or bare LFs: each input byte becomes at most two.
    DotStuffer stuffer = new DotStuffer();
    Buffer chunk = Buffer.buffer(".\n".repeat(1000));
    Buffer out = stuffer.stuff(chunk);
    assertEquals(2 * chunk.length(), out.length());
  }

  @Test
  void cleanCrlfTextIsPassedOnWithoutACopy() {
    DotStuffer stuffer = new DotStuffer();
    Buffer chunk = Buffer.buffer("From: a\r\n\r\nbody. with a dot\r\nlast\r");
    assertSame(chunk, stuffer.stuff(chunk));
    Buffer next = Buffer.buffer("\nmore\r\n");
    assertSame(next, stuffer.stuff(next), "the LF completing the CR of the chunk before needs no change");
    assertEquals(".\r\n", stuffer.finish().toString());
  }

  @Test
  void nothingAfterFinish() {
    DotStuffer stuffer = new DotStuffer();
    stuffer.finish();
    assertThrows(IllegalStateException.class, () -> stuffer.stuff(Buffer.buffer("a")));
    assertThrows(IllegalStateException.class, stuffer::finish);
  }

  static String feed(String message, int[] splits) {
    byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
    DotStuffer stuffer = new DotStuffer();
    Buffer out = Buffer.buffer();
    int from = 0;
    for (int split : splits) {
      out.appendBuffer(stuffer.stuff(Buffer.buffer(bytes).slice(from, split)));
      from = split;
    }
    out.appendBuffer(stuffer.stuff(Buffer.buffer(bytes).slice(from, bytes.length)));
    return out.appendBuffer(stuffer.finish()).toString(StandardCharsets.ISO_8859_1);
  }

  private static String feedBytewise(String message) {
    DotStuffer stuffer = new DotStuffer();
    Buffer out = Buffer.buffer();
    for (byte b : message.getBytes(StandardCharsets.ISO_8859_1)) {
      out.appendBuffer(stuffer.stuff(Buffer.buffer(new byte[] {b})));
    }
    return out.appendBuffer(stuffer.finish()).toString(StandardCharsets.ISO_8859_1);
  }
}
