package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.SpecialUse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CREATE and DELETE over a real socket, checked against the store. */
class ImapCreateDeleteTest extends ImapTestBase {

  private static final String ALICE = ImapFixture.ALICE;
  private static final List<String> DEFAULTS = List.of("INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash");

  private List<String> names() {
    return imap.mailboxes.list(ALICE).await().stream().map(MailboxInfo::name).toList();
  }

  private Optional<SpecialUse> specialUse(String name) {
    return imap.mailboxes.list(ALICE).await().stream().filter(info -> info.name().equals(name)).findFirst()
        .orElseThrow().specialUse();
  }

  @Test
  void createMakesASelectableMailbox() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      assertEquals("* LIST (\\HasNoChildren) \".\" Work", client.ok("LIST \"\" Work").get(0));
      assertTrue(client.ok("SELECT Work").contains("* 0 EXISTS"));
      client.ok("CREATE \"Work Items\"");
      assertEquals("* LIST (\\HasNoChildren) \".\" \"Work Items\"", client.ok("LIST \"\" \"Work Items\"").get(0));
    }
    assertTrue(names().containsAll(List.of("Work", "Work Items")));
  }

  @Test
  void anExistingNameOrInboxIsAlreadyThere() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      assertTrue(client.no("CREATE Work").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("CREATE INBOX").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("CREATE inbox").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("CREATE Inbox.").contains("[ALREADYEXISTS]"));
      assertTrue(client.no("CREATE Sent").contains("[ALREADYEXISTS]"));
    }
  }

  @Test
  void aTrailingDelimiterCreatesTheNameWithoutIt() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Projects.");
      assertTrue(client.no("CREATE Projects").contains("[ALREADYEXISTS]"));
    }
    assertTrue(names().contains("Projects"));
  }

  @Test
  void missingSuperiorLevelsAreCreatedToo() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE a.b.c");
      List<String> lines = client.ok("LIST \"\" a*");
      assertEquals(List.of("* LIST (\\HasChildren) \".\" a", "* LIST (\\HasChildren) \".\" a.b",
          "* LIST (\\HasNoChildren) \".\" a.b.c"), lines.subList(0, 3));
      client.ok("SELECT a.b");
    }
    assertTrue(names().containsAll(List.of("a", "a.b", "a.b.c")));
  }

  @Test
  void namesTheStoreRefusesAreNoCannotAndCreateNothing() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      for (String name : List.of("a..b", "INBOX.child", ".x", "a/b", "\"a\\\\b\"", "\"a%b\"", "\"a*b\"",
          "\"" + "x".repeat(256) + "\"")) {
        assertTrue(client.no("CREATE " + name).contains("[CANNOT]"), name);
      }
      // refused names must not have left superior levels behind
      assertTrue(client.no("CREATE x..y.z").contains("[CANNOT]"));
    }
    assertEquals(DEFAULTS, names());
  }

  @Test
  void syntaxErrorsAreBad() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.bad("CREATE");
      client.bad("CREATE \"unterminated");
      client.bad("CREATE Entw&APw");
      client.bad("CREATE a (FOO (\\Sent))");
      client.bad("CREATE a (USE \\Sent)");
      client.bad("CREATE a b");
      client.ok("NOOP");
    }
    assertEquals(DEFAULTS, names());
  }

  @Test
  void eightBitNamesTravelAsModifiedUtf7() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Entw&APw-rfe");
      assertEquals("* LIST (\\HasNoChildren) \".\" Entw&APw-rfe", client.ok("LIST \"\" Entw*").get(0));
      client.ok("CREATE \"&ZeVnLIqe-\"");
      // raw UTF-8 is not modified UTF-7 (and UTF8=ACCEPT is not offered)
      client.bad("CREATE \"Entwürfe2\"");
      client.ok("SELECT Entw&APw-rfe");
    }
    assertTrue(names().contains("Entwürfe"));
    assertTrue(names().contains("日本語"));
    assertFalse(names().contains("Entwürfe2"));
  }

  @Test
  void createWithUseGivesTheSpecialUse() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE \"Sent Items\" (USE (\\Sent))");
      List<String> lines = client.ok("LIST \"\" \"Sent*\"");
      assertEquals("* LIST (\\HasNoChildren) \".\" Sent", lines.get(0));
      assertEquals("* LIST (\\HasNoChildren \\Sent) \".\" \"Sent Items\"", lines.get(1));
      client.ok("CREATE Plain (USE ())");
      assertTrue(client.no("CREATE Flagged (USE (\\Flagged))").contains("[USEATTR]"));
      assertTrue(client.no("CREATE Two (USE (\\Drafts \\Junk))").contains("[USEATTR]"));
      assertTrue(client.no("CREATE Odd (USE (\\Nonsense))").contains("[USEATTR]"));
    }
    assertEquals(Optional.of(SpecialUse.SENT), specialUse("Sent Items"));
    assertEquals(Optional.empty(), specialUse("Sent"));
    assertEquals(Optional.empty(), specialUse("Plain"));
    for (String refused : List.of("Flagged", "Two", "Odd")) {
      assertFalse(names().contains(refused), refused);
    }
  }

  @Test
  void createAndDeleteNeedAuthentication() throws Exception {
    start();
    try (ImapClient client = imap.connect()) {
      client.bad("CREATE Work");
      client.bad("DELETE Work");
    }
    assertEquals(DEFAULTS, names());
  }

  @Test
  void deleteRemovesTheMailboxAndItsMessages() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      imap.deliver(ALICE, "Work", "Subject: x\r\n\r\nbody\r\n");
      client.ok("DELETE Work");
      assertTrue(client.no("SELECT Work").contains("[NONEXISTENT]"));
      assertTrue(client.no("DELETE Work").contains("[NONEXISTENT]"));
      assertTrue(client.no("DELETE Nowhere").contains("[NONEXISTENT]"));
      assertTrue(client.no("DELETE INBOX").contains("[CANNOT]"));
      assertTrue(client.no("DELETE inbox").contains("[CANNOT]"));
      client.ok("CREATE Work");
      assertTrue(client.ok("STATUS Work (MESSAGES)").get(0).equals("* STATUS Work (MESSAGES 0)"));
    }
  }

  @Test
  void deletingAParentLeavesItsChildrenAndANoselectLevel() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work.Tern");
      client.ok("DELETE Work");
      assertTrue(client.ok("LIST \"\" %").contains("* LIST (\\Noselect \\HasChildren) \".\" Work"));
      List<String> all = client.ok("LIST \"\" Work*");
      assertEquals(List.of("* LIST (\\HasNoChildren) \".\" Work.Tern"), all.subList(0, all.size() - 1));
      assertTrue(client.no("SELECT Work").contains("[NONEXISTENT]"));
      assertTrue(client.no("DELETE Work").contains("[NONEXISTENT]"));
      client.ok("SELECT Work.Tern");
    }
    assertTrue(names().contains("Work.Tern"));
  }

  @Test
  void subscriptionsOutliveTheMailbox() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      client.ok("SUBSCRIBE Work");
      client.ok("DELETE Work");
      assertTrue(client.ok("LSUB \"\" Work").contains("* LSUB (\\Noselect) \".\" Work"));
    }
  }

  @Test
  void deletingTheSelectedMailboxClosesIt() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("CREATE Work");
      client.ok("SELECT Work");
      List<String> lines = client.ok("DELETE Work");
      assertTrue(lines.get(0).startsWith("* OK [CLOSED]"), lines.toString());
      client.bad("EXPUNGE");
      client.ok("SELECT INBOX");
    }
  }

  @Test
  void anotherSessionMayDeleteTheMailboxOneHasSelected() throws Exception {
    start();
    try (ImapClient first = imap.loginAlice(); ImapClient second = imap.loginAlice()) {
      first.ok("CREATE Work");
      second.ok("SELECT Work");
      first.ok("DELETE Work");
      second.ok("NOOP");
      assertTrue(second.no("EXPUNGE").contains("[NONEXISTENT]"));
      second.ok("SELECT INBOX");
    }
  }
}
