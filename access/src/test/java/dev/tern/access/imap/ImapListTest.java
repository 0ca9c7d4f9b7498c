package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LIST (basic, LIST-EXTENDED, SPECIAL-USE, LIST-STATUS), LSUB and SUBSCRIBE over a real socket. */
class ImapListTest extends ImapTestBase {

  private static final String ALICE = ImapFixture.ALICE;
  private static final List<String> DEFAULT_LIST = List.of(
      "* LIST (\\HasNoChildren) \".\" INBOX",
      "* LIST (\\HasNoChildren \\Archive) \".\" Archive",
      "* LIST (\\HasNoChildren \\Drafts) \".\" Drafts",
      "* LIST (\\HasNoChildren \\Junk) \".\" Junk",
      "* LIST (\\HasNoChildren \\Sent) \".\" Sent",
      "* LIST (\\HasNoChildren \\Trash) \".\" Trash");

  /** The untagged lines of a command that must succeed. */
  private static List<String> untagged(ImapClient client, String command) throws Exception {
    List<String> lines = client.ok(command);
    return lines.subList(0, lines.size() - 1);
  }

  /** A mailbox made through the store, which creates no superior levels. */
  private void storeCreate(String name) {
    imap.mailboxes.create(ALICE, name, Optional.empty()).await();
  }

  @Test
  void emptyPatternGivesTheDelimiterAndRoot() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(List.of("* LIST (\\Noselect) \".\" \"\""), untagged(client, "LIST \"\" \"\""));
      assertEquals(List.of("* LIST (\\Noselect) \".\" \"\""), untagged(client, "LIST Work.Tern \"\""));
      assertEquals(List.of("* LSUB (\\Noselect) \".\" \"\""), untagged(client, "LSUB \"\" \"\""));
      assertEquals(List.of("* LIST (\\Noselect) \".\" \"\""), untagged(client, "LIST () \"\" \"\" RETURN (CHILDREN)"));
    }
  }

  @Test
  void starListsEveryMailboxInboxFirstWithSpecialUse() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(DEFAULT_LIST, untagged(client, "LIST \"\" *"));
      assertEquals(DEFAULT_LIST, untagged(client, "LIST \"\" %"));
      assertEquals(DEFAULT_LIST, untagged(client, "LIST \"\" \"*\" RETURN (CHILDREN SPECIAL-USE)"));
    }
  }

  @Test
  void percentStopsAtTheDelimiterAndReportsLevelsThatAreNoMailbox() throws Exception {
    start();
    storeCreate("Projects.2026.Q1");
    storeCreate("Work");
    storeCreate("Work.Tern");
    try (ImapClient client = imap.loginAlice()) {
      List<String> top = untagged(client, "LIST \"\" %");
      assertTrue(top.contains("* LIST (\\Noselect \\HasChildren) \".\" Projects"), top.toString());
      assertTrue(top.contains("* LIST (\\HasChildren) \".\" Work"), top.toString());
      assertFalse(top.stream().anyMatch(line -> line.contains("Work.Tern") || line.contains("2026")), top.toString());
      assertEquals(List.of("* LIST (\\Noselect \\HasChildren) \".\" Projects.2026"),
          untagged(client, "LIST \"\" Projects.%"));
      assertEquals(List.of("* LIST (\\HasNoChildren) \".\" Projects.2026.Q1"), untagged(client, "LIST \"\" Proj*"));
      assertEquals(List.of("* LIST (\\HasNoChildren) \".\" Projects.2026.Q1"),
          untagged(client, "LIST \"\" %.%.Q1"));
      // the extended form names a missing level \NonExistent (RFC 5258)
      assertEquals(List.of("* LIST (\\NonExistent \\HasChildren) \".\" Projects"),
          untagged(client, "LIST \"\" Proj% RETURN (CHILDREN)"));
      assertTrue(client.no("SELECT Projects").contains("[NONEXISTENT]"));
    }
  }

  @Test
  void theReferenceIsPrependedToThePattern() throws Exception {
    start();
    storeCreate("Work");
    storeCreate("Work.Tern");
    storeCreate("Work.Tern.Deep");
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(List.of("* LIST (\\HasChildren) \".\" Work.Tern"), untagged(client, "LIST Work. %"));
      assertEquals(List.of("* LIST (\\HasChildren) \".\" Work.Tern", "* LIST (\\HasNoChildren) \".\" Work.Tern.Deep"),
          untagged(client, "LIST Work. *"));
    }
  }

  @Test
  void inboxIsCaseInsensitiveAndSeveralPatternsUnite() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(List.of(DEFAULT_LIST.get(0)), untagged(client, "LIST \"\" inbox"));
      assertEquals(List.of(DEFAULT_LIST.get(0)), untagged(client, "LIST \"\" In%"));
      assertEquals(List.of(DEFAULT_LIST.get(0), DEFAULT_LIST.get(4)), untagged(client, "LIST \"\" (inbox Sent Se*)"));
      assertEquals(List.of(), untagged(client, "LIST \"\" sent"));
    }
  }

  @Test
  void returnSubscribedMarksSubscribedMailboxes() throws Exception {
    start();
    storeCreate("Work");
    try (ImapClient client = imap.loginAlice()) {
      client.ok("UNSUBSCRIBE Junk");
      List<String> lines = untagged(client, "LIST \"\" * RETURN (SUBSCRIBED)");
      assertTrue(lines.contains("* LIST (\\HasNoChildren \\Subscribed) \".\" INBOX"), lines.toString());
      assertTrue(lines.contains("* LIST (\\HasNoChildren \\Junk) \".\" Junk"), lines.toString());
      assertTrue(lines.contains("* LIST (\\HasNoChildren) \".\" Work"), lines.toString());
      assertTrue(lines.contains("* LIST (\\HasNoChildren \\Subscribed \\Sent) \".\" Sent"), lines.toString());
    }
  }

  @Test
  void subscribedSelectionListsSubscriptionsEvenOfDeletedMailboxes() throws Exception {
    start();
    storeCreate("Work");
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SUBSCRIBE Work");
      client.ok("DELETE Work");
      client.ok("UNSUBSCRIBE Junk");
      List<String> lines = untagged(client, "LIST (SUBSCRIBED) \"\" *");
      assertEquals(List.of(
          "* LIST (\\HasNoChildren \\Subscribed) \".\" INBOX",
          "* LIST (\\HasNoChildren \\Subscribed \\Archive) \".\" Archive",
          "* LIST (\\HasNoChildren \\Subscribed \\Drafts) \".\" Drafts",
          "* LIST (\\HasNoChildren \\Subscribed \\Sent) \".\" Sent",
          "* LIST (\\HasNoChildren \\Subscribed \\Trash) \".\" Trash",
          "* LIST (\\NonExistent \\Subscribed) \".\" Work"), lines);
    }
  }

  @Test
  void recursiveMatchReportsParentsOfSubscribedChildren() throws Exception {
    start();
    storeCreate("Foo");
    storeCreate("Foo.Bar");
    storeCreate("Moo.Baz");
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SUBSCRIBE Foo.Bar");
      client.ok("SUBSCRIBE Moo.Baz");
      assertEquals(List.of(), untagged(client, "LIST (SUBSCRIBED) \"\" \"?oo\""));
      List<String> plain = untagged(client, "LIST (SUBSCRIBED) \"\" %");
      assertFalse(plain.stream().anyMatch(line -> line.contains("Foo") || line.contains("Moo")), plain.toString());
      List<String> recursive = untagged(client, "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %");
      assertTrue(recursive.contains("* LIST (\\HasChildren) \".\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))"),
          recursive.toString());
      assertTrue(recursive.contains("* LIST (\\NonExistent \\HasChildren) \".\" Moo (\"CHILDINFO\" (\"SUBSCRIBED\"))"),
          recursive.toString());
      client.ok("SUBSCRIBE Foo");
      assertEquals(List.of("* LIST (\\HasChildren \\Subscribed) \".\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))"),
          untagged(client, "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" Foo"));
      client.bad("LIST (RECURSIVEMATCH) \"\" %");
      client.bad("LIST (RECURSIVEMATCH REMOTE) \"\" %");
    }
  }

  @Test
  void specialUseSelectionListsOnlySpecialUseMailboxes() throws Exception {
    start();
    storeCreate("Work");
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(DEFAULT_LIST.subList(1, 6), untagged(client, "LIST (SPECIAL-USE) \"\" *"));
      assertEquals(DEFAULT_LIST.subList(1, 6), untagged(client, "LIST (SPECIAL-USE REMOTE) \"\" * RETURN (SPECIAL-USE)"));
    }
  }

  @Test
  void listStatusFollowsEachSelectableMailbox() throws Exception {
    start();
    imap.deliver(ALICE, "Subject: a\r\n\r\nx\r\n");
    imap.deliver(ALICE, "Subject: b\r\n\r\ny\r\n");
    storeCreate("Projects.2026");
    try (ImapClient client = imap.loginAlice()) {
      List<String> lines = untagged(client, "LIST \"\" (INBOX Sent Projects%) RETURN (STATUS (MESSAGES UNSEEN))");
      assertEquals(List.of(
          "* LIST (\\HasNoChildren) \".\" INBOX",
          "* STATUS INBOX (MESSAGES 2 UNSEEN 2)",
          "* LIST (\\NonExistent \\HasChildren) \".\" Projects",
          "* LIST (\\HasNoChildren \\Sent) \".\" Sent",
          "* STATUS Sent (MESSAGES 0 UNSEEN 0)"), lines);
      client.ok("SELECT INBOX");
      lines = untagged(client, "LIST \"\" INBOX RETURN (STATUS (UIDNEXT))");
      assertEquals("* STATUS INBOX (UIDNEXT 3)", lines.get(1));
    }
  }

  @Test
  void lsubListsSubscriptionsAndNoselectParents() throws Exception {
    start();
    storeCreate("Work");
    storeCreate("Work.Tern");
    try (ImapClient client = imap.loginAlice()) {
      List<String> all = untagged(client, "LSUB \"\" *");
      assertEquals(List.of("* LSUB () \".\" INBOX", "* LSUB () \".\" Archive", "* LSUB () \".\" Drafts",
          "* LSUB () \".\" Junk", "* LSUB () \".\" Sent", "* LSUB () \".\" Trash"), all);
      client.ok("SUBSCRIBE Work.Tern");
      assertEquals(List.of("* LSUB (\\Noselect) \".\" Work"), untagged(client, "LSUB \"\" W%"));
      assertEquals(List.of("* LSUB () \".\" Work.Tern"), untagged(client, "LSUB \"\" W*"));
      assertEquals(List.of("* LSUB () \".\" Work.Tern"), untagged(client, "LSUB Work. %"));
      client.ok("SUBSCRIBE Work");
      assertEquals(List.of("* LSUB () \".\" Work"), untagged(client, "LSUB \"\" W%"));
      client.ok("UNSUBSCRIBE Sent");
      assertFalse(untagged(client, "LSUB \"\" *").contains("* LSUB () \".\" Sent"));
    }
  }

  @Test
  void subscribeChecksTheMailboxAndUnsubscribeIsIdempotent() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.no("SUBSCRIBE Nowhere").contains("[NONEXISTENT]"));
      client.ok("UNSUBSCRIBE Nowhere");
      client.ok("UNSUBSCRIBE Sent");
      client.ok("UNSUBSCRIBE Sent");
      client.ok("SUBSCRIBE Sent");
      client.ok("SUBSCRIBE Sent");
      assertTrue(client.no("UNSUBSCRIBE a..b").contains("[CANNOT]"));
      client.bad("SUBSCRIBE");
      client.bad("SUBSCRIBE \"Sent");
    }
    assertEquals(1, imap.mailboxes.subscriptions(ALICE).await().stream().filter("Sent"::equals).count());
    assertFalse(imap.mailboxes.subscriptions(ALICE).await().contains("Nowhere"));
  }

  @Test
  void oddPatternsAreMatchedOrRefusedNeverFatal() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(List.of(), untagged(client, "LIST \"\" \"*]\""));
      assertEquals(List.of(), untagged(client, "LIST \"\" \"a/b\""));
      assertEquals(List.of(), untagged(client, "LIST \"\" \"" + "a%".repeat(400) + "\""));
      assertEquals(DEFAULT_LIST, untagged(client, "LIST \"\" \"" + "%*".repeat(2000) + "\""));
      assertEquals(List.of(DEFAULT_LIST.get(4)), untagged(client, "LIST \"\" \"S%%%t\""));
      client.bad("LIST \"\" foo&");
      client.bad("LIST \"\" \"&Jjo\"");
      client.bad("LIST \"\"");
      client.bad("LIST");
      client.bad("LIST (BOGUS) \"\" *");
      client.bad("LIST \"\" * RETURN (BOGUS)");
      client.bad("LIST \"\" * RETURN (STATUS (BOGUS))");
      client.bad("LIST \"\" * GARBAGE");
      client.bad("LSUB \"\" (INBOX Sent)");
      client.ok("NOOP");
    }
  }

  @Test
  void eightBitNamesAreListedEncoded() throws Exception {
    start();
    storeCreate("Entwürfe");
    storeCreate("日本語.Ü");
    try (ImapClient client = imap.loginAlice()) {
      assertEquals(List.of("* LIST (\\HasNoChildren) \".\" Entw&APw-rfe"), untagged(client, "LIST \"\" Entw*"));
      assertEquals(List.of("* LIST (\\HasNoChildren) \".\" Entw&APw-rfe"), untagged(client, "LIST \"\" Entw&APw-rfe"));
      assertEquals(List.of("* LIST (\\Noselect \\HasChildren) \".\" &ZeVnLIqe-"), untagged(client, "LIST \"\" &ZeVnLIqe-%"));
      assertEquals(List.of("* LIST (\\HasNoChildren) \".\" &ZeVnLIqe-.&ANw-"), untagged(client, "LIST &ZeVnLIqe-. *"));
    }
  }

  @Test
  void listNeedsAuthentication() throws Exception {
    start();
    try (ImapClient client = imap.connect()) {
      client.bad("LIST \"\" *");
      client.bad("LSUB \"\" *");
      client.bad("SUBSCRIBE INBOX");
    }
  }
}
