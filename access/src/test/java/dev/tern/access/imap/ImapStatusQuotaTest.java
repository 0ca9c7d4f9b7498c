package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.MailboxStatus;
import dev.tern.access.mailbox.QuotaLimits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STATUS, GETQUOTA and GETQUOTAROOT over a real socket. */
class ImapStatusQuotaTest extends ImapTestBase {

  private static final String ALICE = ImapFixture.ALICE;
  private static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n";

  @Test
  void statusReportsTheStoreCounters() throws Exception {
    start();
    long first = imap.deliver(ALICE, MESSAGE);
    imap.deliver(ALICE, MESSAGE);
    imap.deliver(ALICE, MESSAGE);
    imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(first), FlagMode.ADD, Set.of("\\Seen"),
        OptionalLong.empty()).await();
    MailboxStatus status = imap.mailboxes.status(ALICE, "INBOX").await();
    try (ImapClient client = imap.loginAlice()) {
      List<String> lines = client.ok("STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)");
      assertEquals("* STATUS INBOX (MESSAGES 3 RECENT " + status.recent() + " UIDNEXT 4 UIDVALIDITY "
          + status.uidValidity() + " UNSEEN 2 HIGHESTMODSEQ " + status.highestModSeq() + ")", lines.get(0));
      assertEquals("* STATUS Sent (UNSEEN 0 MESSAGES 0)", client.ok("STATUS Sent (UNSEEN MESSAGES)").get(0));
      assertEquals("* STATUS INBOX (MESSAGES 3)", client.ok("STATUS inbox (MESSAGES MESSAGES)").get(0));
    }
  }

  @Test
  void statusOfTheSelectedMailboxIsFine() throws Exception {
    start();
    imap.deliver(ALICE, MESSAGE);
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      assertEquals("* STATUS INBOX (MESSAGES 1 UIDNEXT 2)", client.ok("STATUS INBOX (MESSAGES UIDNEXT)").get(0));
      client.ok("CHECK");
    }
  }

  @Test
  void statusRefusals() throws Exception {
    start();
    imap.mailboxes.create(ALICE, "Projects.2026", java.util.Optional.empty()).await();
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.no("STATUS Nowhere (MESSAGES)").contains("[NONEXISTENT]"));
      assertTrue(client.no("STATUS Projects (MESSAGES)").contains("[NONEXISTENT]"));
      assertTrue(client.no("STATUS a..b (MESSAGES)").contains("[CANNOT]"));
      client.bad("STATUS INBOX (BOGUS)");
      client.bad("STATUS INBOX ()");
      client.bad("STATUS INBOX");
      client.bad("STATUS INBOX MESSAGES");
      client.bad("STATUS (MESSAGES)");
    }
    try (ImapClient client = imap.connect()) {
      client.bad("STATUS INBOX (MESSAGES)");
    }
  }

  @Test
  void statusHighestModSeqTurnsCondstoreOn() throws Exception {
    start();
    long uid = imap.deliver(ALICE, MESSAGE);
    try (ImapClient watcher = imap.loginAlice()) {
      watcher.ok("SELECT INBOX");
      imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD, Set.of("\\Flagged"),
          OptionalLong.empty()).await();
      List<String> before = fetchUpdate(watcher);
      assertTrue(before.stream().anyMatch(line -> line.startsWith("* 1 FETCH") && !line.contains("MODSEQ")),
          before.toString());
      watcher.ok("STATUS Sent (HIGHESTMODSEQ)");
      imap.mailboxes.updateFlags(ALICE, "INBOX", List.of(uid), FlagMode.ADD, Set.of("\\Seen"),
          OptionalLong.empty()).await();
      List<String> after = fetchUpdate(watcher);
      assertTrue(after.stream().anyMatch(line -> line.startsWith("* 1 FETCH") && line.contains("MODSEQ (")),
          after.toString());
    }
  }

  /** NOOPs until the flag change (delivered to the session through the event bus) is reported. */
  private static List<String> fetchUpdate(ImapClient client) throws Exception {
    List<List<String>> seen = new java.util.ArrayList<>();
    eventually("a FETCH update", () -> {
      try {
        List<String> lines = client.ok("NOOP");
        seen.add(lines);
        return lines.stream().anyMatch(line -> line.startsWith("* 1 FETCH"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return seen.get(seen.size() - 1);
  }

  @Test
  void quotaOfAnAccountWithALimit() throws Exception {
    start(ImapFixture.options().quota(true), QuotaLimits.everyAccount(1_048_576));
    imap.deliver(ALICE, "Subject: big\r\n\r\n" + "x".repeat(3000) + "\r\n");
    long used = imap.mailboxes.quota(ALICE).await().usedBytes();
    long usedKib = (used + 1023) / 1024;
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.ok("CAPABILITY").get(0).contains(" QUOTA QUOTA=RES-STORAGE"));
      assertEquals("* QUOTA \"\" (STORAGE " + usedKib + " 1024)", client.ok("GETQUOTA \"\"").get(0));
      List<String> root = client.ok("GETQUOTAROOT INBOX");
      assertEquals("* QUOTAROOT INBOX \"\"", root.get(0));
      assertEquals("* QUOTA \"\" (STORAGE " + usedKib + " 1024)", root.get(1));
      client.ok("CREATE Entw&APw-rfe");
      assertEquals("* QUOTAROOT Entw&APw-rfe \"\"", client.ok("GETQUOTAROOT Entw&APw-rfe").get(0));
      assertTrue(client.no("GETQUOTAROOT Nowhere").contains("[NONEXISTENT]"));
      assertTrue(client.no("GETQUOTA \"user.alice\"").contains("[NONEXISTENT]"));
      client.bad("GETQUOTA");
      client.bad("GETQUOTAROOT");
    }
    assertEquals(3, usedKib);
  }

  @Test
  void quotaWithoutALimitHasNoResources() throws Exception {
    start(ImapFixture.options().quota(true), QuotaLimits.NONE);
    try (ImapClient client = imap.loginAlice()) {
      assertEquals("* QUOTA \"\" ()", client.ok("GETQUOTA \"\"").get(0));
      assertEquals(List.of("* QUOTAROOT INBOX \"\"", "* QUOTA \"\" ()"), client.ok("GETQUOTAROOT inbox").subList(0, 2));
    }
  }

  @Test
  void quotaCommandsAreNotOfferedWhenQuotaIsOff() throws Exception {
    start(ImapFixture.options(), QuotaLimits.everyAccount(1_048_576));
    try (ImapClient client = imap.loginAlice()) {
      assertFalse(client.ok("CAPABILITY").get(0).contains("QUOTA"));
      client.bad("GETQUOTA \"\"");
      client.bad("GETQUOTAROOT INBOX");
    }
  }

  @Test
  void quotaCommandsNeedAuthentication() throws Exception {
    start(ImapFixture.options().quota(true), QuotaLimits.everyAccount(1_048_576));
    try (ImapClient client = imap.connect()) {
      client.bad("GETQUOTA \"\"");
      client.bad("GETQUOTAROOT INBOX");
    }
  }
}
