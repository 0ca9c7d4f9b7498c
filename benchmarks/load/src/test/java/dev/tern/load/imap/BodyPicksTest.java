package dev.tern.load.imap;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyPicksTest {

  static long[] numbers(String set) {
    return Arrays.stream(set.split(",")).flatMapToLong(range -> {
      String[] ends = range.split(":");
      return LongStream.rangeClosed(Long.parseLong(ends[0]), Long.parseLong(ends[ends.length - 1]));
    }).toArray();
  }

  @Test
  void picksTheAskedNumberOfDistinctMessagesInRangeInOrder() {
    for (long op = 0; op < 200; op++) {
      long[] picked = numbers(BodyPicks.sequenceSet(7, op, 50, 10));
      assertEquals(10, picked.length);
      assertEquals(10, new HashSet<>(Arrays.stream(picked).boxed().toList()).size());
      for (int i = 0; i < picked.length; i++) {
        assertTrue(picked[i] >= 1 && picked[i] <= 50);
        assertTrue(i == 0 || picked[i] > picked[i - 1]);
      }
    }
  }

  @Test
  void isDeterministicPerSeedAndOperation() {
    assertEquals(BodyPicks.sequenceSet(7, 3, 10_000, 5), BodyPicks.sequenceSet(7, 3, 10_000, 5));
    assertNotEquals(BodyPicks.sequenceSet(7, 3, 10_000, 5), BodyPicks.sequenceSet(8, 3, 10_000, 5));
    assertNotEquals(BodyPicks.sequenceSet(7, 3, 10_000, 5), BodyPicks.sequenceSet(7, 4, 10_000, 5));
  }

  @Test
  void coversEveryMessageOverManyOperations() {
    Set<Long> seen = new HashSet<>();
    for (long op = 0; op < 500; op++) {
      Arrays.stream(numbers(BodyPicks.sequenceSet(1, op, 20, 2))).forEach(seen::add);
    }
    assertEquals(20, seen.size());
  }

  @Test
  void askingForAsManyOrMoreThanExistTakesAllAndNoneTakesNone() {
    assertEquals("1:5", BodyPicks.sequenceSet(1, 0, 5, 5));
    assertEquals("1:5", BodyPicks.sequenceSet(1, 0, 5, 50));
    assertEquals("", BodyPicks.sequenceSet(1, 0, 0, 5));
    assertEquals("", BodyPicks.sequenceSet(1, 0, 5, 0));
  }
}
