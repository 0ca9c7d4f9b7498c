package dev.tern.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchMessageTest {

  @ParameterizedTest
  @ValueSource(ints = {4096, 200, 1000, 65536, 4097, 4098, 4099})
  void hasExactlyTheRequestedSizeAndIsValidSmtpData(int size) {
    byte[] message = BenchMessage.ofSize(size);
    assertEquals(size, message.length);
    String text = new String(message, StandardCharsets.US_ASCII);
    assertTrue(text.endsWith("\r\n"), "ends with CRLF");
    assertTrue(text.contains("\r\n\r\n"), "has a header/body separator");
    String[] lines = text.substring(0, text.length() - 2).split("\r\n", -1);
    for (String line : lines) {
      assertFalse(line.startsWith("."), "no line needs dot-stuffing: " + line);
      assertTrue(line.length() <= 998, "line within RFC 5322 limits");
      assertFalse(line.contains("\r") || line.contains("\n"), "no bare CR or LF");
    }
  }

  @Test
  void refusesASizeTooSmallForTheHeader() {
    assertThrows(IllegalArgumentException.class, () -> BenchMessage.ofSize(10));
  }

  @Test
  void envelopeIsAddressedToTheBenchmarkRecipient() {
    assertEquals(BenchMessage.RECIPIENT, BenchMessage.envelope().recipients().get(0));
    assertEquals(BenchMessage.SENDER, BenchMessage.envelope().sender());
  }
}
