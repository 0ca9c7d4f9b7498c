package dev.tern.load.sink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
