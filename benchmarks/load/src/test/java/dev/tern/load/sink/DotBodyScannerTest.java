package dev.tern.load.sink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DotBodyScannerTest {

  /** Where the body ends (index past the terminator, -1 for not at all) and its unstuffed size, fed in two parts. */
  private record Scan(int end, long size) {}

  private static Scan scan(String body, int split) {
    byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    DotBodyScanner scanner = new DotBodyScanner();
    int end = scanner.scan(bytes, 0, split);
    if (end < 0) {
      end = scanner.scan(bytes, split, bytes.length);
    }
    return new Scan(end, scanner.size(end >= 0));
  }

  private static void assertEndsAt(String body, int expectedEnd, long expectedSize) {
    for (int split = 0; split <= body.length(); split++) {
      Scan scan = scan(body, split);
      assertEquals(expectedEnd, scan.end(), "end with the input split at " + split);
      if (expectedEnd >= 0) {
        assertEquals(expectedSize, scan.size(), "size with the input split at " + split);
      }
    }
  }

  @Test
  void onlyCrLfDotCrLfEndsTheBodyWhereverTheReadsSplitIt() {
    String body = "Subject: x\r\n\r\nhello\r\n.\r\n";
    assertEndsAt(body, body.length(), "Subject: x\r\n\r\nhello\r\n".length());
  }

  @Test
  void anEmptyBodyIsJustTheDot() {
    assertEndsAt(".\r\n", 3, 0);
  }

  @Test
  void bytesAfterTheTerminatorAreNotConsumed() {
    String body = "a\r\n.\r\nMAIL FROM:<next@example.org>\r\n";
    assertEndsAt(body, 6, 3);
  }

  @Test
  void bareLineFeedDotLinesDoNotEndTheBody() {
    // The forms SMTP smuggling relies on: each must stay content, and only the real terminator ends it.
    String smuggled = "a\n.\nb\r\n.\nc\n.\r\nd\r.\r\ne\r\n";
    String body = smuggled + ".\r\n";
    // The line after "b\r\n" starts with a dot and goes on (".\nc\n.\r\n"), so that dot is stuffing and removed.
    assertEndsAt(body, body.length(), smuggled.length() - 1);
  }

  @Test
  void stuffedDotsAreNotCounted() {
    String body = "..leading dot\r\n..\r\n.\r\n";
    assertEndsAt(body, body.length(), ".leading dot\r\n.\r\n".length());
  }

  @Test
  void theWordAtATimeSearchAgreesWithAPlainLoop() {
    // Octets next to CR's value, with and without the high bit, are where a word-at-a-time test could slip.
    byte[] nearMisses = {0x0C, 0x0E, (byte) 0x8D, 0x00, (byte) 0xFF, 0x01, 'a', '\n'};
    Random random = new Random(5321);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(20) == 0 ? (byte) '\r' : nearMisses[random.nextInt(nearMisses.length)];
      }
      int from = random.nextInt(bytes.length + 1);
      int plain = from;
      while (plain < bytes.length && bytes[plain] != '\r') {
        plain++;
      }
      assertEquals(plain, DotBodyScanner.indexOfCarriageReturn(bytes, from, bytes.length), Arrays.toString(bytes));
    }
  }

  @Test
  void theStateCarriesOverToTheNextBody() {
    DotBodyScanner scanner = new DotBodyScanner();
    byte[] first = "x\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(first.length, scanner.scan(first, 0, first.length));
    scanner.reset();
    byte[] second = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(3, scanner.scan(second, 0, second.length));
    assertEquals(0, scanner.size(true));
  }
}
