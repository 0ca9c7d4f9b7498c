package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.imap.support.Responses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session core over a real socket: greeting, login, selection, APPEND streaming, IDLE, errors, LOGOUT. */
class ImapSessionTest extends ImapTestBase {

  private static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n";

  @Test
  void greetsWithCapabilitiesAndLogsInOnLoopback() throws Exception {
    start();
    try (ImapClient client = new ImapClient("127.0.0.1", imap.port())) {
      String greeting = client.greeting();
      assertTrue(greeting.contains("[CAPABILITY IMAP4rev1"), greeting);
      assertTrue(greeting.contains("AUTH=PLAIN"), greeting);
      List<String> login = client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
      assertTrue(login.get(0).contains("OK [CAPABILITY IMAP4rev1"), login.toString());
      List<String> caps = client.ok("CAPABILITY");
      assertTrue(caps.get(0).contains("IDLE") && !caps.get(0).contains("AUTH=PLAIN"), caps.toString());
      List<String> logout = client.ok("LOGOUT");
      assertTrue(logout.get(0).startsWith("* BYE"), logout.toString());
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void wrongPasswordIsRefusedAndCountedUntilDisconnect() throws Exception {
    start();
    try (ImapClient client = imap.connect()) {
      assertTrue(client.no("LOGIN alice@example.com nope").contains("[AUTHENTICATIONFAILED]"));
      client.no("LOGIN alice@example.com nope");
      client.no("LOGIN alice@example.com nope");
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void authenticatePlainWithAndWithoutInitialResponse() throws Exception {
    start();
    String plain = java.util.Base64.getEncoder().encodeToString(
        ("\0" + ImapFixture.BOB + "\0" + ImapFixture.BOB_PASSWORD).getBytes());
    try (ImapClient client = imap.connect()) {
      client.ok("AUTHENTICATE PLAIN " + plain);
    }
    try (ImapClient client = imap.connect()) {
      String tag = client.send("AUTHENTICATE PLAIN");
      assertEquals("+ ", client.line());
      client.raw(plain + "\r\n");
      List<String> lines = client.until(tag);
      assertTrue(lines.get(lines.size() - 1).startsWith(tag + " OK"), lines.toString());
    }
    try (ImapClient client = imap.connect()) {
      String tag = client.send("AUTHENTICATE PLAIN");
      client.line();
      client.raw("*\r\n");
      assertTrue(client.until(tag).get(0).startsWith(tag + " BAD"));
      client.ok("NOOP");
    }
  }

  @Test
  void selectDescribesTheMailbox() throws Exception {
    start();
    imap.deliver(ImapFixture.ALICE, MESSAGE);
    imap.deliver(ImapFixture.ALICE, MESSAGE);
    try (ImapClient client = imap.loginAlice()) {
      List<String> lines = client.ok("SELECT INBOX");
      String all = String.join("\n", lines);
      assertTrue(all.contains("* 2 EXISTS"), all);
      assertTrue(all.contains("[UIDVALIDITY "), all);
      assertTrue(all.contains("[UIDNEXT 3]"), all);
      assertTrue(all.contains("[UNSEEN 1]"), all);
      assertTrue(all.contains("[HIGHESTMODSEQ "), all);
      assertTrue(lines.get(lines.size() - 1).contains("[READ-WRITE]"), all);
      assertTrue(client.ok("EXAMINE INBOX").stream().anyMatch(l -> l.contains("[READ-ONLY]")));
      assertTrue(client.no("SELECT Nowhere").contains("[NONEXISTENT]"));
      client.bad("EXPUNGE");
    }
  }

  @Test
  void appendStreamsTheLiteralAndAnswersWithAppendUid() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      String tag = client.send("APPEND INBOX (\\Seen) {" + MESSAGE.length() + "}");
      assertTrue(client.line().startsWith("+ "));
      client.raw(MESSAGE + "\r\n");
      List<String> lines = client.until(tag);
      assertTrue(lines.get(lines.size() - 1).matches(tag + " OK \\[APPENDUID \\d+ 1\\] .*"), lines.toString());
      List<String> plus = client.ok("APPEND Sent {" + MESSAGE.length() + "+}\r\n" + MESSAGE);
      assertTrue(plus.get(plus.size() - 1).contains("[APPENDUID "), plus.toString());
      assertTrue(client.no("APPEND Nowhere {5}").contains("[TRYCREATE]"));
      client.ok("NOOP");
    }
    assertEquals(List.of(1L), imap.uids(ImapFixture.ALICE, "INBOX"));
    assertEquals(1, imap.snapshot(ImapFixture.ALICE, "Sent").messages().size());
  }

  @Test
  void appendOverTheLimitIsRefusedBeforeTheLiteral() throws Exception {
    start(ImapFixture.options().maxAppendSize(2048));
    try (ImapClient client = imap.loginAlice()) {
      assertTrue(client.no("APPEND INBOX {4096}").contains("[TOOBIG]"));
      // A non-synchronising literal over the limit is skipped with the rest of its command.
      String tag = client.send("APPEND INBOX {3000+}\r\n" + "x".repeat(3000));
      assertTrue(client.until(tag).get(0).contains("[TOOBIG]"));
      client.ok("NOOP");
    }
    assertTrue(imap.uids(ImapFixture.ALICE, "INBOX").isEmpty());
  }

  @Test
  void idleReportsADelivery() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      String tag = client.send("IDLE");
      assertEquals("+ idling", client.line());
      imap.deliver(ImapFixture.ALICE, MESSAGE);
      assertEquals("* 1 EXISTS", client.line());
      assertEquals("* 1 RECENT", client.line());
      client.raw("DONE\r\n");
      assertTrue(client.until(tag).get(0).startsWith(tag + " OK"));
    }
  }

  @Test
  void recentBelongsToTheFirstSessionThatSelectsReadWrite() throws Exception {
    start();
    imap.deliver(ImapFixture.ALICE, MESSAGE);
    try (ImapClient first = imap.loginAlice(); ImapClient second = imap.loginAlice()) {
      assertTrue(first.ok("EXAMINE INBOX").contains("* 1 RECENT"), "EXAMINE shows but does not claim");
      assertTrue(first.ok("SELECT INBOX").contains("* 1 RECENT"));
      assertTrue(second.ok("SELECT INBOX").contains("* 0 RECENT"));
      imap.deliver(ImapFixture.ALICE, MESSAGE);
      // The delivery reaches each session as an event, not necessarily before its first NOOP.
      List<String> told = Responses.noopUntil(first, "* 2 EXISTS");
      assertTrue(told.contains("* 2 RECENT"), told.toString());
      List<String> toldLater = Responses.noopUntil(second, "* 2 EXISTS");
      assertTrue(toldLater.contains("* 0 RECENT"), toldLater.toString());
    }
  }

  @Test
  void expungeByAnotherSessionWaitsForAnAllowedPoint() throws Exception {
    start();
    imap.deliver(ImapFixture.ALICE, MESSAGE);
    imap.deliver(ImapFixture.ALICE, MESSAGE);
    try (ImapClient first = imap.loginAlice(); ImapClient second = imap.loginAlice()) {
      first.ok("SELECT INBOX");
      second.ok("SELECT INBOX");
      imap.mailboxes.updateFlags(ImapFixture.ALICE, "INBOX", List.of(1L), dev.tern.access.mailbox.FlagMode.ADD,
          java.util.Set.of("\\Deleted"), java.util.OptionalLong.empty()).await();
      List<String> expunge = second.ok("EXPUNGE");
      assertTrue(expunge.contains("* 1 EXPUNGE"), expunge.toString());
      Responses.noopUntil(first, "* 1 EXPUNGE");
    }
  }

  @Test
  void badInputGetsBadAndTheSessionGoesOn() throws Exception {
    start(ImapFixture.options().maxErrorsBeforeDisconnect(3));
    try (ImapClient client = imap.connect()) {
      client.raw("\r\n");
      assertTrue(client.line().startsWith("* BAD"));
      client.bad("FROBNICATE");
      client.ok("NOOP");
      client.bad("SELECT INBOX");
      assertTrue(client.closedByServer());
    }
  }
}
