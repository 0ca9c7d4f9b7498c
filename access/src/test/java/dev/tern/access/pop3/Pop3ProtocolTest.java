package dev.tern.access.pop3;

import dev.tern.access.pop3.support.Messages;
import dev.tern.access.pop3.support.Pop3Client;
import dev.tern.access.pop3.support.Pop3TestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.ALICE_PASSWORD;
import static dev.tern.access.pop3.support.Pop3Fixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framing, errors and their limits, states, capabilities, pipelining and the idle timeout. */
class Pop3ProtocolTest extends Pop3TestBase {

  @Test
  void greetingNamesTheHost() throws Exception {
    start();
    try (Pop3Client client = new Pop3Client("127.0.0.1", pop3.port())) {
      assertEquals("+OK pop.test POP3 server ready", client.line());
    }
  }

  @Test
  void capabilitiesBeforeAndAfterLogin() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.ok("CAPA");
      assertEquals(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN",
          "IMPLEMENTATION Tern"), client.body());
      client.login(ALICE, ALICE_PASSWORD);
      client.ok("CAPA");
      assertEquals(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "IMPLEMENTATION Tern"),
          client.body());
    }
  }

  @Test
  void overlongLineIsRefusedAndTheSessionGoesOn() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      assertEquals("-ERR line too long", client.err("USER " + "a".repeat(251)));
      assertEquals("-ERR line too long", client.err("NOOP " + "x".repeat(20_000)));
      client.ok("USER " + "a".repeat(248));
      client.login(ALICE, ALICE_PASSWORD);
      client.ok("STAT");
    }
  }

  @Test
  void unknownCommandsBadArgumentsAndWrongStates() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      assertEquals("-ERR unknown command", client.err("XYZZY"));
      assertEquals("-ERR STAT is not valid in the AUTHORIZATION state", client.err("STAT"));
      client.err("RETR 1");
      client.err("NOOP");
      client.err("");
      client.err("USER");
      client.login(ALICE, ALICE_PASSWORD);
      assertEquals("-ERR USER is not valid in the TRANSACTION state", client.err("USER bob"));
      client.err("STLS");
      client.err("RETR 0");
      // Nine errors so far: one below the default limit, so the session is still there.
      client.ok("NOOP");
    }
  }

  @Test
  void tooManyErrorsCloseTheSession() throws Exception {
    start(options().maxErrorsBeforeDisconnect(3));
    try (Pop3Client client = pop3.connect()) {
      client.err("FOO");
      client.err("BAR");
      assertEquals("-ERR unknown command; too many errors, closing connection", client.err("BAZ"));
      assertTrue(client.closedByServer());
    }
    assertEquals(1, pop3.counter("tern.pop3.rejects", "reason", "too_many_errors"));
    try (Pop3Client fresh = pop3.loginAlice()) {
      fresh.ok("NOOP");
    }
  }

  @Test
  void controlCharactersAndBadUtf8AreRefused() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.raw("USER a\0b\r\n");
      client.err();
      client.socket().getOutputStream().write(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xC3, 0x28, '\r', '\n'});
      client.err();
      client.login(ALICE, ALICE_PASSWORD);
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    start();
    pop3.deliver(ALICE, Messages.message("one", "a"));
    pop3.deliver(ALICE, Messages.message("two", ".b"));
    String two = Messages.message("two", ".b");
    try (Pop3Client client = pop3.connect()) {
      client.raw("CAPA\r\nUSER " + ALICE + "\r\nPASS " + ALICE_PASSWORD + "\r\nSTAT\r\nRETR 2\r\nDELE 1\r\nLIST\r\n"
          + "BOGUS\r\nTOP 2 0\r\nUIDL 2\r\nRSET\r\nNOOP\r\nQUIT\r\n");
      client.ok();
      client.body();
      client.ok();
      assertTrue(client.ok().startsWith("+OK maildrop has 2 messages"));
      client.ok();
      assertEquals("+OK " + two.length() + " octets", client.ok());
      assertEquals(new String(Messages.wireForm(two.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8),
          new String(client.rawBody(), StandardCharsets.UTF_8));
      assertEquals("+OK message 1 deleted", client.ok());
      assertEquals("+OK 1 messages (" + two.length() + " octets)", client.ok());
      assertEquals(List.of("2 " + two.length()), client.body());
      assertEquals("-ERR unknown command", client.err());
      client.ok();
      assertEquals("Subject: two", client.body().get(2));
      assertTrue(client.ok().startsWith("+OK 2 "));
      assertTrue(client.ok().startsWith("+OK maildrop has 2 messages"));
      assertEquals("+OK", client.ok());
      assertEquals("+OK pop.test POP3 server signing off", client.ok());
      assertTrue(client.closedByServer());
    }
    assertEquals(2, pop3.uids(ALICE).size());
  }

  @Test
  void messagesReadAheadAreTheRightOnesInAnyOrderAndAfterDele() throws Exception {
    start();
    List<String> sent = new java.util.ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      String message = Messages.message("m" + i, i % 3 == 0 ? ".dot line " + i : "line " + i);
      sent.add(message);
      pop3.deliver(ALICE, message);
    }
    try (Pop3Client client = pop3.loginAlice()) {
      // In order (read ahead hits), then back, then forward past the read-ahead window, then a deleted one.
      int[] order = {1, 2, 3, 1, 15, 16, 4, 20};
      StringBuilder pipeline = new StringBuilder("DELE 17\r\n");
      for (int n : order) {
        pipeline.append("RETR ").append(n).append("\r\n");
      }
      client.raw(pipeline.append("RETR 17\r\n").toString());
      assertEquals("+OK message 17 deleted", client.ok());
      for (int n : order) {
        String expected = sent.get(n - 1);
        assertEquals("+OK " + expected.length() + " octets", client.ok());
        assertEquals(new String(Messages.wireForm(expected.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8),
            new String(client.rawBody(), StandardCharsets.UTF_8), "message " + n);
      }
      assertTrue(client.err().startsWith("-ERR"), "a deleted message is not sent");
    }
  }

  @Test
  void manyPipelinedCommandsFromAClientThatReadsLateAreAllAnsweredInOrder() throws Exception {
    start();
    for (int i = 0; i < 100; i++) {
      pop3.deliver(ALICE, Messages.message("m" + i, "x"));
    }
    int rounds = 4000;
    try (Pop3Client client = pop3.loginAlice()) {
      // About 10 MB of answers, more than the socket buffers hold: the server must wait for the reader.
      StringBuilder pipeline = new StringBuilder();
      for (int i = 1; i <= rounds; i++) {
        pipeline.append("UIDL\r\nLIST ").append(i % 100 + 1).append("\r\n");
      }
      client.raw(pipeline.toString());
      double handled = settled(() -> pop3.counter("tern.pop3.commands", "verb", "UIDL"));
      assertTrue(handled > 0 && handled < rounds, handled + " of " + rounds + " UIDL handled before any was read");
      for (int i = 1; i <= rounds; i++) {
        client.ok();
        assertEquals(100, client.body().size());
        assertTrue(client.ok().startsWith("+OK " + (i % 100 + 1) + " "));
      }
      client.ok("QUIT");
    }
  }

  /** Waits until a value has not moved for a while, then returns it. */
  private static double settled(DoubleSupplier value) throws InterruptedException {
    double last = -1;
    int unchanged = 0;
    while (unchanged < 10) {
      Thread.sleep(50);
      double now = value.getAsDouble();
      unchanged = now == last && now > 0 ? unchanged + 1 : 0;
      last = now;
    }
    return last;
  }

  @Test
  void idleSessionsAreClosed() throws Exception {
    start(options().idleTimeout(Duration.ofMillis(300)));
    try (Pop3Client client = pop3.connect()) {
      assertEquals("-ERR idle timeout, closing connection", client.err());
      assertTrue(client.closedByServer());
    }
    assertEquals(1, pop3.counter("tern.pop3.rejects", "reason", "timeout"));
  }

  @Test
  void quitBeforeLogin() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      assertEquals("+OK pop.test POP3 server signing off", client.ok("QUIT"));
      assertTrue(client.closedByServer());
    }
  }
}
