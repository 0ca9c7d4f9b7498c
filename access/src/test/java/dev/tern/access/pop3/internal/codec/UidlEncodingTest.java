package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UidlEncodingTest {

  private static final long[] SAMPLES = {1, 2, 9, 10, 15, 16, 255, 256, 65_535, 1_000_000, 0x7FFF_FFFFL,
      0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};

  @Test
  void dovecotCompatibleLayout() {
    assertEquals("0000000100000002", UidlEncoding.encode(2, 1));
    assertEquals("0000002A499602D2", UidlEncoding.encode(1_234_567_890L, 42));
    assertEquals("FFFFFFFFFFFFFFFF", UidlEncoding.encode(0xFFFF_FFFFL, 0xFFFF_FFFFL));
  }

  @Test
  void printableShortStableAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (long validity : SAMPLES) {
      for (long uid : SAMPLES) {
        String value = UidlEncoding.encode(validity, uid);
        assertTrue(value.length() >= 1 && value.length() <= 70, value);
        value.chars().forEach(c -> assertTrue(c >= 0x21 && c <= 0x7E, value));
        assertEquals(value, UidlEncoding.encode(validity, uid), "stable");
        assertTrue(seen.add(value), "distinct pairs give distinct values: " + value);
        assertEquals(Optional.of(new UidlEncoding.UidPair(validity, uid)), UidlEncoding.decode(value));
      }
    }
  }

  @Test
  void newUidValidityChangesEveryValue() {
    assertNotEquals(UidlEncoding.encode(5, 1), UidlEncoding.encode(6, 1));
  }

  @Test
  void refusesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> UidlEncoding.encode(0, 1));
    assertThrows(IllegalArgumentException.class, () -> UidlEncoding.encode(1, 0));
    assertThrows(IllegalArgumentException.class, () -> UidlEncoding.encode(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> UidlEncoding.encode(1, 0x1_0000_0000L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "00000001", "000000010000000", "00000001000000020", "0000000100000000",
      "0000000000000001", "00000001000000g2", "000000010000000a", "+0000001000000002"})
  void decodeRefusesForeignValues(String value) {
    assertEquals(Optional.empty(), UidlEncoding.decode(value));
  }
}
