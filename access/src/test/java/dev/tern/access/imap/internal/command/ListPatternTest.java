package dev.tern.access.imap.internal.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListPatternTest {

  private static boolean matches(String pattern, String name) {
    return ListPattern.of("", pattern).matches(name);
  }

  @Test
  void starCrossesTheDelimiterAndPercentDoesNot() {
    assertTrue(matches("*", "Work.Tern.Deep"));
    assertTrue(matches("%", "Work"));
    assertFalse(matches("%", "Work.Tern"));
    assertTrue(matches("Work.%", "Work.Tern"));
    assertFalse(matches("Work.%", "Work.Tern.Deep"));
    assertTrue(matches("Work.*", "Work.Tern.Deep"));
    assertFalse(matches("Work.*", "Work"));
    assertTrue(matches("W%k", "Work"));
    assertFalse(matches("W%k", "W.k"));
    assertTrue(matches("%.%", "a.b"));
    assertTrue(matches("*n", "Work.Tern"));
  }

  @Test
  void literalsMatchExactlyAndCaseSensitively() {
    assertTrue(matches("Sent", "Sent"));
    assertFalse(matches("sent", "Sent"));
    assertFalse(matches("Sen", "Sent"));
    assertFalse(matches("Sentx", "Sent"));
    assertFalse(matches("", "Sent"));
  }

  @Test
  void inboxMatchesWhateverTheCase() {
    assertTrue(matches("inbox", "INBOX"));
    assertTrue(matches("In%", "INBOX"));
    assertTrue(matches("i*X", "INBOX"));
    assertFalse(matches("inbox", "Inbox2"));
  }

  @Test
  void theReferenceIsPrependedAsIs() {
    assertTrue(ListPattern.of("Work.", "%").matches("Work.Tern"));
    assertFalse(ListPattern.of("Work.", "%").matches("Work"));
    assertTrue(ListPattern.of("Work", "*").matches("Work.Tern"));
  }

  @Test
  void wildcardRunsFoldAndOnlyATrailingPercentAsksForLevels() {
    assertTrue(matches("%%%%", "Work"));
    assertFalse(matches("%%%%", "Work.Tern"));
    assertTrue(matches("%*%", "Work.Tern"));
    assertTrue(ListPattern.of("", "Work.%").endsWithPercent());
    assertFalse(ListPattern.of("", "%.x").endsWithPercent());
    assertFalse(ListPattern.of("", "*").endsWithPercent());
  }

  @Test
  void hostilePatternsStayCheapAndMatchNothingTheyCannot() {
    String manyWildcards = "%*".repeat(20_000) + "x";
    assertTrue(matches(manyWildcards, "a.b.x"));
    assertFalse(matches(manyWildcards, "a.b.y"));
    String tooLong = "a%".repeat(300);
    assertFalse(matches(tooLong, "a".repeat(255)));
    String alternating = "a%".repeat(120) + "b";
    assertFalse(matches(alternating, "a".repeat(255)));
  }

  @Test
  void levelsAboveANameAreItsPrefixes() {
    assertEquals(List.of("a", "a.b"), MailboxTree.levelsAbove("a.b.c"));
    assertEquals(List.of(), MailboxTree.levelsAbove("INBOX"));
  }
}
