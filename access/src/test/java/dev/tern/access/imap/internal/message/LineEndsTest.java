package dev.tern.access.imap.internal.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LineEndsTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String normalised(String text) {
    return new String(LineEnds.normalise(bytes(text)), StandardCharsets.ISO_8859_1);
  }

  @Test
  void crlfTextIsReturnedAsIs() {
    byte[] clean = bytes("Subject: x\r\n\r\nbody\r\nlast line without end");
    assertSame(clean, LineEnds.normalise(clean));
  }

  @Test
  void bareLineFeedsAndCarriageReturnsBecomeCrlf() {
    assertEquals("a\r\nb\r\n", normalised("a\nb\n"));
    assertEquals("a\r\nb\r\nc", normalised("a\rb\r\nc"));
    assertEquals("a\r\n\r\n", normalised("a\r\r\n"));
    assertEquals("end\r\n", normalised("end\r"));
    assertEquals("\r\n\r\n", normalised("\n\r"));
    assertEquals("", normalised(""));
  }

  @Test
  void chunkBoundariesDoNotMatter() {
    Random random = new Random(42);
    String alphabet = "ab\r\n";
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      byte[] whole = bytes(text.toString());
      byte[] expected = reference(whole);
      assertArrayEquals(expected, LineEnds.normalise(whole), text.toString());
      LineEnds ends = new LineEnds();
      ByteArrayOutputStream pieces = new ByteArrayOutputStream();
      int position = 0;
      while (position < whole.length) {
        int take = 1 + random.nextInt(Math.min(5, whole.length - position));
        pieces.writeBytes(ends.next(whole, position, take));
        position += take;
      }
      pieces.writeBytes(ends.finish());
      assertArrayEquals(expected, pieces.toByteArray(), text.toString());
    }
  }

  /** The rule, written plainly: CRLF stays, any other CR or LF becomes CRLF. */
  private static byte[] reference(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
        out.write('\r');
        out.write('\n');
        i++;
      } else if (in[i] == '\r' || in[i] == '\n') {
        out.write('\r');
        out.write('\n');
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }
}
