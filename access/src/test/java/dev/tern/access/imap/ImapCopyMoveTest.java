package dev.tern.access.imap;

import static dev.tern.access.imap.support.ImapFixture.ALICE;
import static dev.tern.access.imap.support.Responses.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.imap.support.Responses;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.QuotaLimits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** COPY, MOVE and their UID forms over a real socket: COPYUID, TRYCREATE, expunge order, other sessions. */
class ImapCopyMoveTest extends ImapTestBase {

  private static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n";

  @Test
  void copyKeepsFlagsAndAnswersWithCopyUid() throws Exception {
    start();
    deliver(3);
    imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(2L), FlagMode.ADD, Set.of("\\Flagged", "work"),
        OptionalLong.empty()).await();
    long archive = uidValidity("Archive");
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> copy = client.ok("COPY 1:2 Archive");
      assertEquals(1, copy.size(), copy.toString());
      assertEquals(copy.get(0).substring(0, copy.get(0).indexOf(' ')) + " OK [COPYUID " + archive
          + " 1:2 1:2] COPY completed", copy.get(0));
      List<String> uidCopy = client.ok("UID COPY 3 Archive");
      assertTrue(tagged(uidCopy).contains("OK [COPYUID " + archive + " 3 3] UID COPY completed"), uidCopy.toString());
      // Into the selected mailbox itself: the copies show up as new messages.
      List<String> self = client.ok("COPY 1 INBOX");
      assertTrue(tagged(self).contains("[COPYUID " + uidValidity("INBOX") + " 1 4]"), self.toString());
      if (!self.contains("* 4 EXISTS")) {
        Responses.noopUntil(client, "* 4 EXISTS");
      }
    }
    assertEquals(List.of(1L, 2L, 3L, 4L), imap.uids(ALICE, "INBOX"));
    assertEquals(List.of(1L, 2L, 3L), imap.uids(ALICE, "Archive"));
    assertEquals(Set.of("\\Flagged", "work"), summary("Archive", 2).flags());
    assertEquals(Set.of(), summary("Archive", 1).flags());
  }

  @Test
  void copyUidPairsUidsThatDoNotRunInStep() throws Exception {
    start();
    deliver(4);
    expungeFromStore(2);
    long archive = uidValidity("Archive");
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      // UIDs 1, 3, 4 become 1, 2, 3 in Archive; each side is read in order.
      List<String> copy = client.ok("UID COPY 1:* Archive");
      assertTrue(tagged(copy).contains("[COPYUID " + archive + " 1,3:4 1:3]"), copy.toString());
    }
  }

  @Test
  void missingDestinationIsTryCreateAndChangesNothing() throws Exception {
    start();
    deliver(2);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      assertTrue(client.no("COPY 1 Nowhere").contains("[TRYCREATE]"));
      assertTrue(client.no("UID MOVE 1:2 Nowhere").contains("[TRYCREATE]"));
      // A destination name the store cannot accept is refused too, without TRYCREATE.
      String badName = client.no("COPY 1 \"a..b\"");
      assertTrue(!badName.contains("TRYCREATE"), badName);
      assertEquals(1, client.ok("NOOP").size());
    }
    assertEquals(List.of(1L, 2L), imap.uids(ALICE, "INBOX"));
  }

  @Test
  void moveSendsCopyUidThenExpungesThenOk() throws Exception {
    start();
    deliver(3);
    long archive = uidValidity("Archive");
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> move = client.ok("MOVE 2 Archive");
      assertEquals("* OK [COPYUID " + archive + " 2 1] moved", move.get(0), move.toString());
      assertEquals("* 2 EXPUNGE", move.get(1), move.toString());
      assertTrue(move.get(2).endsWith(" OK MOVE completed"), move.toString());
      assertEquals(3, move.size(), move.toString());

      List<String> uidMove = client.ok("UID MOVE 1:* Archive");
      // Expunges highest first, so each number is still valid when it is read.
      assertEquals(List.of("* OK [COPYUID " + archive + " 1,3 2:3] moved", "* 2 EXPUNGE", "* 1 EXPUNGE"),
          uidMove.subList(0, 3));
      assertTrue(tagged(uidMove).endsWith(" OK UID MOVE completed"), uidMove.toString());
      // Nothing is left to move: OK without COPYUID.
      assertEquals(List.of(), imap.uids(ALICE, "INBOX"));
      List<String> nothing = client.ok("UID MOVE 1:* Archive");
      assertEquals(1, nothing.size(), nothing.toString());
      assertTrue(!tagged(nothing).contains("COPYUID"), nothing.toString());
    }
    assertEquals(List.of(1L, 2L, 3L), imap.uids(ALICE, "Archive"));
  }

  @Test
  void anotherSessionSeesTheMoveAsExpungeAtAnAllowedPointAndTheDestinationGrows() throws Exception {
    start();
    deliver(3);
    try (ImapClient mover = imap.loginAlice(); ImapClient watcher = imap.loginAlice();
         ImapClient archive = imap.loginAlice()) {
      mover.ok("SELECT INBOX");
      watcher.ok("SELECT INBOX");
      archive.ok("SELECT Archive");
      List<String> move = mover.ok("MOVE 1 Archive");
      assertEquals("* 1 EXPUNGE", move.get(1), move.toString());

      // A STORE by message number may not be told (RFC 3501 7.4.1): its numbers still count message 1.
      List<String> store = watcher.ok("STORE 3 +FLAGS (\\Seen)");
      assertTrue(store.get(0).startsWith("* 3 FETCH"), store.toString());
      assertTrue(store.stream().noneMatch(l -> l.endsWith("EXPUNGE")), store.toString());
      List<String> told = Responses.noopUntil(watcher, "* 1 EXPUNGE");
      assertEquals(1, told.stream().filter(l -> l.endsWith("EXPUNGE")).count(), told.toString());
      assertTrue(watcher.ok("STORE 2 +FLAGS (\\Flagged)").get(0).startsWith("* 2 FETCH"));

      Responses.noopUntil(archive, "* 1 EXISTS");
    }
    assertEquals(Set.of("\\Seen", "\\Flagged"), summary("INBOX", 3).flags());
  }

  @Test
  void moveOutOfAReadOnlyMailboxIsRefusedButCopyIsFine() throws Exception {
    start();
    deliver(2);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("EXAMINE INBOX");
      assertTrue(client.no("MOVE 1 Archive").contains("[READ-ONLY]"));
      assertTrue(client.no("UID MOVE 1:2 Archive").contains("[READ-ONLY]"));
      assertTrue(tagged(client.ok("COPY 1:2 Archive")).contains("[COPYUID "));
    }
    assertEquals(List.of(1L, 2L), imap.uids(ALICE, "INBOX"));
    assertEquals(List.of(1L, 2L), imap.uids(ALICE, "Archive"));
  }

  @Test
  void badSetsStatesAndTargetsAreRefused() throws Exception {
    start();
    deliver(2);
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.bad("COPY 1 Archive").contains("not valid without a selected mailbox"));
      client.bad("MOVE 1 Archive");
      client.ok("SELECT INBOX");
      client.bad("COPY 3 Archive");
      client.bad("MOVE 1:5 Archive");
      client.bad("COPY 1");
      client.bad("COPY x Archive");
      // UIDs that do not exist name nothing: fine, and nothing is copied.
      List<String> none = client.ok("UID COPY 7:9 Archive");
      assertTrue(!tagged(none).contains("COPYUID"), none.toString());
      assertTrue(client.no("MOVE 1 INBOX").contains("[CANNOT]"));
      assertEquals(1, client.ok("NOOP").size());
    }
    assertEquals(List.of(1L, 2L), imap.uids(ALICE, "INBOX"));
    assertEquals(List.of(), imap.uids(ALICE, "Archive"));
  }

  @Test
  void copyOverQuotaIsRefused() throws Exception {
    start(dev.tern.access.imap.support.ImapFixture.options(), QuotaLimits.everyAccount(MESSAGE.length() * 3L));
    deliver(2);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      assertTrue(client.no("COPY 1:2 Archive").contains("[OVERQUOTA]"));
      // MOVE takes no more room, so it is allowed.
      assertTrue(client.ok("MOVE 1:2 Archive").get(0).startsWith("* OK [COPYUID "));
    }
    assertEquals(List.of(1L, 2L), imap.uids(ALICE, "Archive"));
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

  private long uidValidity(String mailbox) {
    return imap.snapshot(ALICE, mailbox).status().uidValidity();
  }

  private MessageSummary summary(String mailbox, long uid) {
    return imap.snapshot(ALICE, mailbox).messages().stream().filter(m -> m.uid() == uid).findFirst().orElseThrow();
  }
}
