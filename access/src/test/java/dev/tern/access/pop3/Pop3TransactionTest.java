package dev.tern.access.pop3;

import dev.tern.access.pop3.internal.codec.UidlEncoding;
import dev.tern.access.pop3.support.Messages;
import dev.tern.access.pop3.support.Pop3Client;
import dev.tern.access.pop3.support.Pop3TestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STAT, LIST, UIDL, RETR, TOP, DELE, RSET and QUIT against messages appended through the store. */
class Pop3TransactionTest extends Pop3TestBase {

  private static final String FIRST = Messages.message("first", "Hello.", ".hidden dot", "..two dots", ".", "bye");
  private static final String SECOND = Messages.message("second", "line 1", "line 2", "line 3");
  private static final String THIRD = Messages.message("third", "x");

  private long[] deliverThree() {
    return new long[] {pop3.deliver(ALICE, FIRST), pop3.deliver(ALICE, SECOND), pop3.deliver(ALICE, THIRD)};
  }

  private static int size(String message) {
    return message.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void statListAndUidlGiveExactSizesAndIds() throws Exception {
    start();
    long[] uids = deliverThree();
    long validity = pop3.uidValidity(ALICE);
    int total = size(FIRST) + size(SECOND) + size(THIRD);
    try (Pop3Client client = pop3.loginAlice()) {
      assertEquals("+OK 3 " + total, client.ok("STAT"));
      assertEquals("+OK 3 messages (" + total + " octets)", client.ok("LIST"));
      assertEquals(List.of("1 " + size(FIRST), "2 " + size(SECOND), "3 " + size(THIRD)), client.body());
      assertEquals("+OK 2 " + size(SECOND), client.ok("LIST 2"));
      client.ok("UIDL");
      assertEquals(List.of("1 " + UidlEncoding.encode(validity, uids[0]), "2 " + UidlEncoding.encode(validity, uids[1]),
          "3 " + UidlEncoding.encode(validity, uids[2])), client.body());
      assertEquals("+OK 3 " + UidlEncoding.encode(validity, uids[2]), client.ok("UIDL 3"));
      assertTrue(client.err("LIST 4").contains("no such message"));
      assertTrue(client.err("UIDL 4").contains("no such message"));
    }
  }

  @Test
  void retrSendsTheExactBytesDotStuffed() throws Exception {
    start();
    deliverThree();
    try (Pop3Client client = pop3.loginAlice()) {
      assertEquals("+OK " + size(FIRST) + " octets", client.ok("RETR 1"));
      byte[] wire = client.rawBody();
      assertArrayEquals(Messages.wireForm(FIRST.getBytes(StandardCharsets.UTF_8)), wire);
      assertTrue(new String(wire, StandardCharsets.UTF_8).contains("\r\n..hidden dot\r\n...two dots\r\n..\r\nbye\r\n.\r\n"));
      client.ok("RETR 3");
      assertArrayEquals(Messages.wireForm(THIRD.getBytes(StandardCharsets.UTF_8)), client.rawBody());
      client.ok("NOOP");
    }
    assertEquals(2, pop3.counter("tern.pop3.messages.retrieved"));
    assertTrue(pop3.counter("tern.pop3.bytes.sent") > size(FIRST) + size(THIRD));
  }

  @Test
  void topSendsHeadersAndTheFirstLines() throws Exception {
    start();
    deliverThree();
    try (Pop3Client client = pop3.loginAlice()) {
      client.ok("TOP 2 0");
      assertEquals(List.of("From: carol@example.net", "To: alice@example.com", "Subject: second", ""), client.body());
      client.ok("TOP 2 2");
      assertEquals("From: carol@example.net\r\nTo: alice@example.com\r\nSubject: second\r\n\r\nline 1\r\nline 2\r\n.\r\n",
          new String(client.rawBody(), StandardCharsets.UTF_8));
      client.ok("TOP 1 3");
      assertEquals(List.of("From: carol@example.net", "To: alice@example.com", "Subject: first", "", "Hello.",
          "..hidden dot", "...two dots"), client.body());
      client.ok("TOP 3 100");
      assertEquals(List.of("From: carol@example.net", "To: alice@example.com", "Subject: third", "", "x"),
          client.body());
      assertTrue(client.err("TOP 4 1").contains("no such message"));
      client.err("TOP 1");
      client.ok("STAT");
    }
  }

  @Test
  void deleThenRsetThenQuitDeletesNothing() throws Exception {
    start();
    long[] uids = deliverThree();
    try (Pop3Client client = pop3.loginAlice()) {
      assertEquals("+OK message 2 deleted", client.ok("DELE 2"));
      assertEquals("+OK 2 " + (size(FIRST) + size(THIRD)), client.ok("STAT"));
      assertTrue(client.err("RETR 2").contains("no such message"));
      assertTrue(client.err("DELE 2").contains("no such message"));
      client.ok("LIST");
      assertEquals(List.of("1 " + size(FIRST), "3 " + size(THIRD)), client.body());
      assertTrue(client.ok("RSET").startsWith("+OK maildrop has 3 messages"));
      client.ok("RETR 2");
      client.rawBody();
      client.ok("QUIT");
      assertTrue(client.closedByServer());
    }
    assertEquals(List.of(uids[0], uids[1], uids[2]), pop3.uids(ALICE));
  }

  @Test
  void deleThenQuitDeletesExactlyThoseMessages() throws Exception {
    start();
    long[] uids = deliverThree();
    try (Pop3Client client = pop3.loginAlice()) {
      client.ok("DELE 1");
      client.ok("DELE 3");
      assertEquals("+OK pop.test POP3 server signing off (2 messages deleted)", client.ok("QUIT"));
      assertTrue(client.closedByServer());
    }
    assertEquals(List.of(uids[1]), pop3.uids(ALICE));
    assertEquals(2, pop3.counter("tern.pop3.messages.deleted"));
    try (Pop3Client client = pop3.loginAlice()) {
      assertEquals("+OK 1 " + size(SECOND), client.ok("STAT"));
    }
  }

  @Test
  void droppedConnectionDeletesNothing() throws Exception {
    start();
    long[] uids = deliverThree();
    Pop3Client client = pop3.loginAlice();
    client.ok("DELE 1");
    client.ok("DELE 2");
    client.close();
    // The next login proves the first session is over; its marks must be gone with it.
    eventually("alice can log in again", () -> {
      try (Pop3Client again = pop3.connect()) {
        again.ok("USER " + ALICE);
        again.send("PASS " + ALICE_PASSWORD);
        return again.line().startsWith("+OK maildrop has 3 messages");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(List.of(uids[0], uids[1], uids[2]), pop3.uids(ALICE));
  }

  @Test
  void messagesArrivingDuringTheSessionWaitForTheNextLogin() throws Exception {
    start();
    pop3.deliver(ALICE, FIRST);
    try (Pop3Client client = pop3.loginAlice()) {
      pop3.deliver(ALICE, SECOND);
      assertEquals("+OK 1 " + size(FIRST), client.ok("STAT"));
      assertTrue(client.err("RETR 2").contains("no such message"));
      client.ok("QUIT");
    }
    try (Pop3Client client = pop3.loginAlice()) {
      assertEquals("+OK 2 " + (size(FIRST) + size(SECOND)), client.ok("STAT"));
    }
  }

  @Test
  void uidlIsStableAcrossSessions() throws Exception {
    start();
    deliverThree();
    List<String> before;
    try (Pop3Client client = pop3.loginAlice()) {
      client.ok("UIDL");
      before = client.body();
      client.ok("DELE 1");
      client.ok("QUIT");
    }
    try (Pop3Client client = pop3.loginAlice()) {
      client.ok("UIDL");
      List<String> after = client.body();
      assertEquals(List.of("1 " + before.get(1).substring(2), "2 " + before.get(2).substring(2)), after);
    }
  }

  @Test
  void messageRemovedUnderTheSessionIsATemporaryFailure() throws Exception {
    start();
    deliverThree();
    try (Pop3Client client = pop3.loginAlice()) {
      try (Stream<Path> files = Files.walk(dir.resolve("mail"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (Files.readString(file, StandardCharsets.ISO_8859_1).contains("Subject: second")) {
            Files.delete(file);
          }
        }
      }
      assertEquals("-ERR [SYS/TEMP] message is not available now", client.err("RETR 2"));
      client.ok("RETR 1");
      client.rawBody();
      client.ok("QUIT");
    }
  }
}
