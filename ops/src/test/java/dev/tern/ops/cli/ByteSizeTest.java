package dev.tern.ops.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {

  @Test
  void parsesBytesAndBinaryUnits() {
    assertEquals(1, ByteSize.parse("1"));
    assertEquals(1536, ByteSize.parse("1536"));
    assertEquals(512 * 1024L, ByteSize.parse("512K"));
    assertEquals(512 * 1024L, ByteSize.parse("512k"));
    assertEquals(10L << 20, ByteSize.parse("10M"));
    assertEquals(2L << 30, ByteSize.parse(" 2G "));
  }

  @Test
  void formatsWithTheLargestExactUnit() {
    assertEquals("1536", ByteSize.format(1536));
    assertEquals("10M", ByteSize.format(10L << 20));
    assertEquals("1025K", ByteSize.format(1025L << 10));
    assertEquals("2G", ByteSize.format(2L << 30));
    assertEquals("2048G", ByteSize.format(2L << 40), "no unit above G, so it parses back");
    for (long bytes : new long[] {1, 1023, 1024, 5L << 20, 3L << 30, 7L << 40, Long.MAX_VALUE}) {
      assertEquals(bytes, ByteSize.parse(ByteSize.format(bytes)));
    }
  }

  @Test
  void refusesWhatIsNotASize() {
    for (String bad : new String[] {"12Q", "", "M", "1.5G", "-5", "+5", "10 M", "10MB", "ten", "0x10"}) {
      UserError e = assertThrows(UserError.class, () -> ByteSize.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("invalid size \"" + bad + "\": give bytes, or a whole number with K, M or G"),
          e.getMessage());
    }
    assertEquals("size must be more than 0 bytes: 0K", assertThrows(UserError.class, () -> ByteSize.parse("0K")).getMessage());
    assertEquals("size too large: 9999999999G", assertThrows(UserError.class, () -> ByteSize.parse("9999999999G")).getMessage());
    assertEquals("size too large: 9999999999999999999",
        assertThrows(UserError.class, () -> ByteSize.parse("9999999999999999999")).getMessage());
  }
}
