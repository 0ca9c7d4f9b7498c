package dev.tern.access.imap.internal.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModifiedUtf7Test {

  @Test
  void rfcExamplesRoundTrip() {
    assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/台北/日本語"));
    assertEquals("~peter/mail/台北/日本語", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
    assertEquals("&-", ModifiedUtf7.encode("&"));
    assertEquals("Tom &- Jerry", ModifiedUtf7.encode("Tom & Jerry"));
    assertEquals("Tom & Jerry", ModifiedUtf7.decode("Tom &- Jerry"));
  }

  @Test
  void roundTripsAwkwardText() {
    for (String name : new String[] {"", "INBOX", "Entwürfe", "a\u00e9b", "😀 emoji", "日&本", "tab\there", "ü"}) {
      assertEquals(name, ModifiedUtf7.decode(ModifiedUtf7.encode(name)), name);
    }
  }

  @Test
  void acceptsNonMinimalEncoding() {
    // "A" (U+0041) encoded although it is printable ASCII.
    assertEquals("A", ModifiedUtf7.decode("&AEE-"));
  }

  @Test
  void rejectsMalformedInput() {
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("abc&U,BTFw"));
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&"));
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&U/BTFw-"));
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&U,B-"));
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&AE-"));
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("caf\u00e9"));
    assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&2D0-"));
  }
}
