package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits and bad input: long lines, big literals, pipelining order, timeouts, connection limits, shutdown. */
class ImapLimitsTest extends ImapTestBase {

  @Test
  void overLongLineIsRefusedAndTheSessionGoesOn() throws Exception {
    start(ImapFixture.options().maxLineLength(1024));
    try (ImapClient client = imap.connect()) {
      client.raw("x1 NOOP " + "a".repeat(5000) + "\r\n");
      assertTrue(client.line().startsWith("x1 BAD"));
      client.ok("NOOP");
    }
  }

  @Test
  void literalOverTheInMemoryLimitIsRefusedWithoutReadingIt() throws Exception {
    start(ImapFixture.options().maxLiteralSize(1024));
    try (ImapClient client = imap.connect()) {
      client.raw("x1 LOGIN {5000}\r\n");
      String refusal = client.line();
      assertTrue(refusal.startsWith("x1 BAD [TOOBIG]"), refusal);
      client.ok("NOOP");
      // A literal that fits gets a continuation request and works.
      client.raw("x2 LOGIN {" + ImapFixture.ALICE.length() + "}\r\n");
      assertTrue(client.line().startsWith("+ "));
      client.raw(ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD + "\r\n");
      assertTrue(client.until("x2").get(0).startsWith("x2 OK"));
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    start();
    imap.deliver(ImapFixture.ALICE, "Subject: one\r\n\r\nbody\r\n");
    try (ImapClient client = imap.connect()) {
      StringBuilder burst = new StringBuilder();
      burst.append("p0 LOGIN ").append(ImapFixture.ALICE).append(' ').append(ImapFixture.ALICE_PASSWORD).append("\r\n");
      burst.append("p1 SELECT INBOX\r\n");
      for (int i = 2; i < 50; i++) {
        burst.append("p").append(i).append(" NOOP\r\n");
      }
      burst.append("p50 LOGOUT\r\n");
      client.raw(burst.toString());
      List<String> tags = new ArrayList<>();
      while (tags.size() < 51) {
        String line = client.line();
        if (!line.startsWith("*")) {
          tags.add(line.substring(0, line.indexOf(' ')));
          assertTrue(line.contains(" OK"), line);
        }
      }
      for (int i = 0; i <= 50; i++) {
        assertEquals("p" + i, tags.get(i));
      }
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void autologoutAfterTheIdleTimeout() throws Exception {
    start(ImapFixture.options().idleTimeout(Duration.ofMillis(300)));
    try (ImapClient client = imap.loginAlice()) {
      String bye = client.line();
      assertTrue(bye.startsWith("* BYE") && bye.contains("autologout"), bye);
      assertTrue(client.closedByServer());
    }
    eventually("session counted as closed", () -> imap.meters.get("tern.imap.sessions.active").gauge().value() == 0);
  }

  @Test
  void connectionsOverTheLimitGetBye() throws Exception {
    start(ImapFixture.options().maxConnectionsPerIp(1));
    try (ImapClient first = imap.connect(); ImapClient second = new ImapClient("127.0.0.1", imap.port())) {
      String refusal = second.line();
      assertTrue(refusal.startsWith("* BYE [UNAVAILABLE]"), refusal);
      assertTrue(second.closedByServer());
      first.ok("NOOP");
    }
  }

  @Test
  void shutdownSaysByeToIdleSessions() throws Exception {
    start();
    try (ImapClient client = imap.loginAlice()) {
      client.ok("SELECT INBOX");
      String tag = client.send("IDLE");
      client.line();
      imap.server.shutdown(Duration.ofSeconds(5)).await();
      String bye = client.line();
      assertTrue(bye.startsWith("* BYE") && bye.contains("shutting down"), bye + " after " + tag);
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void commandsInTheWrongStateAreBad() throws Exception {
    start();
    try (ImapClient client = imap.connect()) {
      assertTrue(client.bad("SELECT INBOX").contains("before authentication"));
      assertTrue(client.bad("CHECK").contains("before authentication"));
      client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
      assertTrue(client.bad("LOGIN a b").contains("not valid"));
      assertTrue(client.bad("CLOSE").contains("without a selected mailbox"));
      assertTrue(client.bad("UID EXPUNGE 1").contains("without a selected mailbox"));
    }
  }
}
