package dev.tern.access.imap.internal.codec;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceSetTest {

  private static SequenceSet parse(String text) {
    return SequenceSetParser.parse(text);
  }

  @Test
  void membershipResolvesStarAgainstMax() {
    SequenceSet set = parse("4,7:9,12:*");
    assertTrue(set.contains(4, 20));
    assertFalse(set.contains(5, 20));
    assertTrue(set.contains(8, 20));
    assertTrue(set.contains(20, 20));
    assertFalse(set.contains(11, 20));
    assertTrue(parse("*").contains(3, 3));
    assertFalse(parse("*").contains(2, 3));
    // 5:* with max 3 means 3:5 (RFC 3501: the range covers both ends in either order).
    assertTrue(parse("5:*").contains(3, 3));
  }

  @Test
  void resolvesToMergedSortedRangesWithoutExpanding() {
    assertEquals(List.of(new SequenceSet.Range(1, 4_000_000_000L)), parse("1:*").resolve(4_000_000_000L));
    assertEquals(List.of(new SequenceSet.Range(1, 5), new SequenceSet.Range(7, 9)),
        parse("9:7,3:5,1,2,4").resolve(100));
    assertTrue(parse("2,*").usesStar());
  }

  @Test
  void writesWireFormAndCompactsValues() {
    assertEquals("4,7:9,12:*", parse("4,7:9,12:*").toString());
    assertEquals("1:3,5,8:9", SequenceSet.of(9, 1, 2, 3, 5, 8, 2).toString());
  }

  @Test
  void rejectsBadSets() {
    for (String bad : new String[] {"0", "1:", ":1", "1,", ",1", "1:0", "a", "1::2", "4294967296", "1 2", ""}) {
      assertThrows(BadSyntax.class, () -> parse(bad), bad);
    }
  }
}
