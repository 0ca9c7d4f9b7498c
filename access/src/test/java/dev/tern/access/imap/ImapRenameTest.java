package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MessageSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RENAME over a real socket: children, UIDVALIDITY, INBOX's special meaning, refusals. */
class ImapRenameTest extends ImapTestBase {

  private static final String ALICE = ImapFixture.ALICE;
  private static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n";

  private List<String> names() {
    return imap.mailboxes.list(ALICE).await().stream().map(MailboxInfo::name).toList();
  }

  @Test
  void renameTakesChildrenAlongAndKeepsUids() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work.Tern.Deep");
      long uid = imap.deliver(ALICE, "Work", MESSAGE);
      long validity = imap.snapshot(ALICE, "Work").status().uidValidity();
      client.ok("RENAME Work Job");
      List<String> lines = client.ok("LIST \"\" *");
      assertTrue(lines.contains("* LIST (\\HasChildren) \".\" Job"), lines.toString());
      assertTrue(lines.contains("* LIST (\\HasChildren) \".\" Job.Tern"), lines.toString());
      assertTrue(lines.contains("* LIST (\\HasNoChildren) \".\" Job.Tern.Deep"), lines.toString());
      assertFalse(lines.stream().anyMatch(line -> line.contains("Work")), lines.toString());
      assertEquals("* STATUS Job (MESSAGES 1 UIDVALIDITY " + validity + ")",
          client.ok("STATUS Job (MESSAGES UIDVALIDITY)").get(0));
      assertEquals(List.of(uid), imap.uids(ALICE, "Job"));
    }
  }

  @Test
  void refusals() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      client.ok("CREATE Play");
      assertTrue(client.no("RENAME Work Play").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("RENAME Work INBOX").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("RENAME Work inbox").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("RENAME Nowhere Elsewhere").contains("[NONEXISTENT]"));
      assertTrue(client.no("RENAME Work Work.Sub").contains("[CANNOT]"));
      assertTrue(client.no("RENAME Work a..b").contains("[CANNOT]"));
      assertTrue(client.no("RENAME Work INBOX.x").contains("[CANNOT]"));
      client.bad("RENAME Work");
      client.bad("RENAME Work &Jjo");
    }
    assertTrue(names().containsAll(List.of("Work", "Play")));
    assertFalse(names().contains("Elsewhere"));
    assertFalse(names().contains("a"));
  }

  @Test
  void superiorLevelsOfTheNewNameAreCreated() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      client.ok("RENAME Work Archive.2024.Work");
      client.ok("SELECT Archive.2024");
    }
    assertTrue(names().containsAll(List.of("Archive.2024", "Archive.2024.Work")));
    assertFalse(names().contains("Work"));
  }

  @Test
  void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
    start();
    long first = imap.deliver(ALICE, MESSAGE);
    imap.deliver(ALICE, MESSAGE);
    imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(first), FlagMode.ADD, Set.of("\\Seen", "$Work"),
        OptionalLong.empty()).await();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("RENAME INBOX \"Old Mail\"");
      assertEquals("* STATUS INBOX (MESSAGES 0)", client.ok("STATUS INBOX (MESSAGES)").get(0));
      assertEquals("* STATUS \"Old Mail\" (MESSAGES 2 UNSEEN 1)",
          client.ok("STATUS \"Old Mail\" (MESSAGES UNSEEN)").get(0));
      client.ok("SELECT INBOX");
    }
    MailboxSnapshot old = imap.snapshot(ALICE, "Old Mail");
    assertEquals(2, old.messages().size());
    MessageSummary seen = old.messages().get(0);
    assertEquals(Set.of("\\Seen", "$Work"), seen.flags());
    assertTrue(names().contains("INBOX"));
  }

  @Test
  void renamingInboxOntoAnExistingNameChangesNothing() throws Exception {
    start();
    imap.deliver(ALICE, MESSAGE);
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.no("RENAME INBOX Sent").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("RENAME INBOX INBOX").contains("[ALREADYEXISTS]"));
    }
    assertEquals(1, imap.uids(ALICE, "INBOX").size());
    assertEquals(0, imap.uids(ALICE, "Sent").size());
  }

  @Test
  void renamingTheSelectedInboxReportsTheExpunges() throws Exception {
    start();
    for (int i = 0; i < 3; i++) {
      imap.deliver(ALICE, MESSAGE);
    }
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      List<String> lines = new java.util.ArrayList<>(client.ok("RENAME INBOX Saved"));
      // the expunges reach this session through the event bus: at the end of RENAME or of a later command
      eventually("three EXPUNGE responses", () -> {
        try {
          lines.addAll(client.ok("NOOP"));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return lines.stream().filter(line -> line.matches("\\* \\d EXPUNGE")).count() >= 3;
      });
      assertEquals(List.of("* 3 EXPUNGE", "* 2 EXPUNGE", "* 1 EXPUNGE"),
          lines.stream().filter(line -> line.endsWith("EXPUNGE")).toList(), lines.toString());
      // still selected: INBOX did not go away
      client.ok("CHECK");
    }
    assertEquals(3, imap.uids(ALICE, "Saved").size());
  }

  @Test
  void renamingTheSelectedMailboxOrItsParentClosesIt() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work.Tern");
      client.ok("SELECT Work.Tern");
      List<String> lines = client.ok("RENAME Work Job");
      assertTrue(lines.get(0).startsWith("* OK [CLOSED]"), lines.toString());
      client.bad("CHECK");
      client.ok("SELECT Job.Tern");
      lines = client.ok("RENAME Sent Outbox");
      assertFalse(lines.get(0).contains("[CLOSED]"), lines.toString());
      client.ok("CHECK");
    }
  }

  @Test
  void eightBitNamesRoundTrip() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Drafts2");
      client.ok("RENAME Drafts2 Entw&APw-rfe");
      assertEquals("* LIST (\\HasNoChildren) \".\" Entw&APw-rfe", client.ok("LIST \"\" Entw&APw-rfe").get(0));
    }
    assertTrue(names().contains("Entwürfe"));
  }

  @Test
  void renameNeedsAuthentication() throws Exception {
    start();
    try (ImapClient client = imap.connect()) {
      client.bad("RENAME Sent Outbox");
    }
    assertTrue(names().contains("Sent"));
  }
}
