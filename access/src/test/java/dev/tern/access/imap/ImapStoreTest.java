package dev.tern.access.imap;

import static dev.tern.access.imap.support.ImapFixture.ALICE;
import static dev.tern.access.imap.support.Responses.flags;
import static dev.tern.access.imap.support.Responses.modSeq;
import static dev.tern.access.imap.support.Responses.starting;
import static dev.tern.access.imap.support.Responses.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.imap.support.Responses;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.MessageSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** STORE and UID STORE over a real socket: flag modes, .SILENT, \Recent, CONDSTORE, other sessions, bad input. */
class ImapStoreTest extends ImapTestBase {

  private static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n";

  @Test
  void storeAnswersWithTheNewFlagsUnlessSilent() throws Exception {
    start();
    deliver(3);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> add = client.ok("STORE 1:2 +FLAGS (\\Seen \\Flagged)");
      assertEquals(3, add.size(), add.toString());
      assertTrue(add.get(0).startsWith("* 1 FETCH (FLAGS ("), add.toString());
      assertEquals(Set.of("\\Seen", "\\Flagged", "\\Recent"), flags(add.get(0)));
      assertTrue(add.get(1).startsWith("* 2 FETCH (FLAGS ("), add.toString());
      assertEquals(Set.of("\\Seen", "\\Flagged", "\\Recent"), flags(add.get(1)));

      List<String> remove = client.ok("STORE 1 -FLAGS (\\Seen)");
      assertEquals(Set.of("\\Flagged", "\\Recent"), flags(remove.get(0)));

      List<String> replace = client.ok("STORE 2 FLAGS ($Forwarded \\Answered)");
      assertEquals(Set.of("$Forwarded", "\\Answered", "\\Recent"), flags(replace.get(0)));

      // Already so: nothing changes, but the flags are still reported.
      List<String> again = client.ok("STORE 2 +FLAGS (\\Answered)");
      assertEquals(Set.of("$Forwarded", "\\Answered", "\\Recent"), flags(again.get(0)));

      List<String> silent = client.ok("STORE 3 +FLAGS.SILENT (\\Deleted)");
      assertEquals(1, silent.size(), silent.toString());
    }
    assertEquals(Set.of("\\Flagged"), stored(1));
    assertEquals(Set.of("$Forwarded", "\\Answered"), stored(2));
    assertEquals(Set.of("\\Deleted"), stored(3));
  }

  @Test
  void bareFlagsWithoutParenthesesAreAccepted() throws Exception {
    start();
    deliver(1);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      client.ok("STORE 1 +FLAGS \\Seen \\Draft");
    }
    assertEquals(Set.of("\\Seen", "\\Draft"), stored(1));
  }

  @Test
  void uidStoreNamesTheUidAndSkipsUidsThatDoNotExist() throws Exception {
    start();
    deliver(3);
    expungeFromStore(1);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> lines = client.ok("UID STORE 3,99 +FLAGS (Junk)");
      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("* 2 FETCH (UID 3 FLAGS ("), lines.toString());
      assertTrue(flags(lines.get(0)).contains("Junk"));
      assertTrue(tagged(lines).contains("OK UID STORE completed"), lines.toString());
      // A UID set naming nothing is fine.
      assertEquals(1, client.ok("UID STORE 50:60 +FLAGS (\\Seen)").size());
    }
    assertEquals(Set.of("Junk"), stored(3));
    assertEquals(Set.of(), stored(2));
  }

  @Test
  void recentCannotBeStoredAndIsIgnored() throws Exception {
    start();
    deliver(1);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> lines = client.ok("STORE 1 +FLAGS (\\Recent \\Answered)");
      assertEquals(Set.of("\\Answered", "\\Recent"), flags(lines.get(0)));
      assertEquals(Set.of("\\Answered"), stored(1));
      client.ok("STORE 1 FLAGS (\\recent)");
      assertEquals(Set.of(), stored(1));
      // Removing \Recent is no change either: the message stays recent for this session.
      List<String> remove = client.ok("STORE 1 -FLAGS (\\Recent)");
      assertEquals(Set.of("\\Recent"), flags(remove.get(0)));
    }
  }

  @Test
  void badSetsFlagsAndStatesAreRefused() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.bad("STORE 1 +FLAGS (\\Seen)").contains("not valid without a selected mailbox"));
      client.ok("SELECT INBOX");
      client.bad("STORE 1 +FLAGS (\\Seen)");
      deliver(2);
      Responses.noopUntil(client, "* 2 EXISTS");
      client.bad("STORE 3 +FLAGS (\\Seen)");
      client.bad("STORE 1,3:4 +FLAGS (\\Seen)");
      assertTrue(client.bad("STORE 1 +FLAGS (\\Unheard)").contains("invalid flag"));
      client.bad("STORE 1 +FLAGS (\\Seen");
      client.bad("STORE 1 +LABELS (\\Seen)");
      client.bad("STORE 1 (UNCHANGEDSINCE x) +FLAGS (\\Seen)");
      client.bad("STORE 0 +FLAGS (\\Seen)");
      // A refused flag in a list stops the whole command: nothing of it is stored.
      assertTrue(client.bad("STORE 1:2 +FLAGS (\\Seen \\Unheard)").contains("invalid flag"));
      client.ok("NOOP");
    }
    assertEquals(Set.of(), stored(1));
    assertEquals(Set.of(), stored(2));
  }

  @Test
  void storeInAnExaminedMailboxIsRefused() throws Exception {
    start();
    deliver(1);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("EXAMINE INBOX");
      assertTrue(client.no("STORE 1 +FLAGS (\\Seen)").contains("[READ-ONLY]"));
      assertTrue(client.no("UID STORE 1 +FLAGS.SILENT (\\Deleted)").contains("[READ-ONLY]"));
    }
    assertEquals(Set.of(), stored(1));
  }

  @Test
  void condStoreAddsModSeqAndSilentStillReportsIt() throws Exception {
    start();
    deliver(2);
    try (ImapClient client = imap.loginAlice()) {
      long highest = Responses.highestModSeq(client.ok("SELECT INBOX (CONDSTORE)"));
      List<String> loud = client.ok("STORE 1 +FLAGS (\\Seen)");
      assertTrue(loud.get(0).matches("\\* 1 FETCH \\(FLAGS \\([^)]*\\) MODSEQ \\(\\d+\\)\\)"), loud.toString());
      long first = modSeq(loud.get(0));
      assertTrue(first > highest, loud + " after " + highest);
      assertEquals(first, summary(1).modSeq());

      List<String> silent = client.ok("UID STORE 1 +FLAGS.SILENT (\\Flagged)");
      assertEquals(2, silent.size(), silent.toString());
      assertTrue(silent.get(0).matches("\\* 1 FETCH \\(UID 1 MODSEQ \\(\\d+\\)\\)"), silent.toString());
      assertTrue(modSeq(silent.get(0)) > first);

      // .SILENT and no change: nothing to report.
      assertEquals(1, client.ok("STORE 1 +FLAGS.SILENT (\\Flagged)").size());
    }
  }

  @Test
  void unchangedSinceStoresOnlyWhatDidNotChangeAndNamesTheRest() throws Exception {
    start();
    deliver(3);
    try (ImapClient client = imap.loginAlice()) {
      // Plain SELECT: UNCHANGEDSINCE turns CONDSTORE on by itself.
      client.ok("SELECT INBOX");
      long known = summary(3).modSeq();
      // Another client changes message 2 after this one learnt the mod-sequences.
      imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(2L), FlagMode.ADD, Set.of("\\Seen"), OptionalLong.empty())
          .await();
      List<String> lines = client.ok("STORE 1:3 (UNCHANGEDSINCE " + known + ") +FLAGS.SILENT (\\Deleted)");
      List<String> fetches = starting(lines, "* ");
      assertTrue(fetches.stream().anyMatch(l -> l.matches("\\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)")), lines.toString());
      assertTrue(fetches.stream().anyMatch(l -> l.matches("\\* 3 FETCH \\(MODSEQ \\(\\d+\\)\\)")), lines.toString());
      assertTrue(fetches.stream().noneMatch(l -> l.startsWith("* 2 FETCH (MODSEQ")), lines.toString());
      assertTrue(tagged(lines).matches("t\\d+ OK \\[MODIFIED 2\\] .*"), lines.toString());
      assertEquals(Set.of("\\Deleted"), stored(1));
      assertEquals(Set.of("\\Seen"), stored(2));
      assertEquals(Set.of("\\Deleted"), stored(3));

      // Later plain STOREs carry MODSEQ now that CONDSTORE is on.
      List<String> plain = client.ok("STORE 1 -FLAGS (\\Deleted)");
      assertTrue(plain.get(0).contains("MODSEQ ("), plain.toString());
    }
  }

  @Test
  void uidStoreUnchangedSinceZeroFailsEveryMessageByUid() throws Exception {
    start();
    deliver(3);
    expungeFromStore(1);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> lines = client.ok("UID STORE 2:3 (UNCHANGEDSINCE 0) +FLAGS (\\Seen)");
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(tagged(lines).matches("t\\d+ OK \\[MODIFIED 2:3\\] .*"), lines.toString());
      // The same by message number names message numbers.
      List<String> numbers = client.ok("STORE 2 (UNCHANGEDSINCE 0) FLAGS (\\Seen)");
      assertTrue(tagged(numbers).matches("t\\d+ OK \\[MODIFIED 2\\] .*"), numbers.toString());
    }
    assertEquals(Set.of(), stored(2));
    assertEquals(Set.of(), stored(3));
  }

  @Test
  void anotherSessionSeesTheChangeAtNoopAndTheStorerIsNotToldTwice() throws Exception {
    start();
    deliver(2);
    try (ImapClient storer = imap.loginAlice(); ImapClient watcher = imap.loginAlice()) {
      storer.ok("SELECT INBOX");
      watcher.ok("SELECT INBOX");
      storer.ok("STORE 2 +FLAGS.SILENT (\\Flagged)");
      String update = Responses.noopUntilContains(watcher, " FETCH ");
      assertTrue(update.startsWith("* 2 FETCH (UID 2 FLAGS ("), update);
      assertTrue(flags(update).contains("\\Flagged"), update);
      List<String> own = storer.ok("NOOP");
      assertEquals(1, own.size(), "the storer's own change came back: " + own);
    }
  }

  @Test
  void plainStoreHoldsBackExpungesThatUidStoreMaySend() throws Exception {
    start();
    deliver(3);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      expungeFromStore(1);
      // Events of one mailbox arrive in order: once this flag change shows, the expunge is known too.
      imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(2L), FlagMode.ADD, Set.of("\\Flagged"),
          OptionalLong.empty()).await();
      List<String> plain = new ArrayList<>();
      for (int i = 0; i < 200 && plain.stream().noneMatch(l -> l.startsWith("* 2 FETCH (UID 2 ")); i++) {
        List<String> lines = client.ok("STORE 3 +FLAGS (\\Seen)");
        // Message numbers still count the expunged message until the client may be told.
        assertTrue(lines.get(0).startsWith("* 3 FETCH (FLAGS"), lines.toString());
        plain.addAll(lines);
        Thread.sleep(20);
      }
      assertTrue(plain.stream().anyMatch(l -> l.startsWith("* 2 FETCH (UID 2 ")), plain.toString());
      assertTrue(plain.stream().noneMatch(l -> l.endsWith("EXPUNGE")), plain.toString());

      List<String> uidStore = client.ok("UID STORE 3 +FLAGS (\\Answered)");
      assertTrue(uidStore.get(0).startsWith("* 3 FETCH (UID 3 FLAGS"), uidStore.toString());
      assertEquals("* 1 EXPUNGE", uidStore.get(1), uidStore.toString());
      // From now on the message is number 2.
      assertTrue(client.ok("STORE 2 +FLAGS (\\Draft)").get(0).startsWith("* 2 FETCH"));
    }
    assertEquals(Set.of("\\Seen", "\\Answered", "\\Draft"), stored(3));
  }

  @Test
  void aLargeSetIsAnsweredInOrderAcrossManyWrites() throws Exception {
    start();
    deliver(10);
    // Doubling by copies is quicker than 1280 deliveries.
    for (int i = 0; i < 7; i++) {
      imap.mailboxes.copy(ALICE, "INBOX", imap.uids(ALICE, "INBOX"), "INBOX").await();
    }
    int count = imap.uids(ALICE, "INBOX").size();
    assertEquals(1280, count);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> lines = client.ok("STORE 1:* +FLAGS (\\Seen)");
      assertEquals(count + 1, lines.size());
      for (int n = 1; n <= count; n++) {
        assertTrue(lines.get(n - 1).startsWith("* " + n + " FETCH (FLAGS ("), lines.get(n - 1));
      }
    }
    assertTrue(imap.snapshot(ALICE, "INBOX").messages().stream().allMatch(m -> m.flags().contains("\\Seen")));
  }

  // --- helpers ---

  private void deliver(int count) {
    for (int i = 0; i < count; i++) {
      imap.deliver(ALICE, MESSAGE);
    }
  }

  private void expungeFromStore(long uid) {
    imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD, Set.of("\\Deleted"), OptionalLong.empty())
        .await();
    imap.mailboxes.expunge(ALICE, "INBOX", Optional.empty()).await();
  }

  private MessageSummary summary(long uid) {
    return imap.snapshot(ALICE, "INBOX").messages().stream().filter(m -> m.uid() == uid).findFirst().orElseThrow();
  }

  private Set<String> stored(long uid) {
    return summary(uid).flags();
  }
}
