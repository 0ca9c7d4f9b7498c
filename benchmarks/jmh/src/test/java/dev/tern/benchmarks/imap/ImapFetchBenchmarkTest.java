package dev.tern.benchmarks.imap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's set-up, one operation of each kind and the tear-down, run directly rather than through JMH. */
class ImapFetchBenchmarkTest {

  @Test
  void sessionsFetchThePreloadedMailboxAndTheServerLeavesNothingBehind() throws Exception {
    ImapMailServer server = new ImapMailServer();
    server.messages = 60;
    server.messageBytes = 4096;
    server.start();
    try {
      ImapFetchBenchmark benchmark = new ImapFetchBenchmark();
      try (FetchSession first = new FetchSession(); FetchSession second = new FetchSession()) {
        first.connect(server);
        second.connect(server);
        ImapReply envelopes = benchmark.envelopesEightSessions(server, first);
        assertEquals(60, envelopes.fetchResponses());
        assertEquals(0, envelopes.literalOctets());
        assertEquals(60, benchmark.envelopesOneSession(server, second).fetchResponses());
        for (int i = 0; i < 10; i++) {
          ImapReply body = benchmark.bodyOneSession(server, first);
          assertEquals(1, body.fetchResponses());
          assertTrue(body.literalOctets() > 3000, "a whole message: " + body.literalOctets());
        }
      }
    } finally {
      server.stop();
    }
    assertFalse(Files.exists(server.directory), "scratch directory removed");
  }

  @Test
  void aSessionThatFindsTheMailboxWrongFailsAndStopsTheServer() throws Exception {
    ImapMailServer server = new ImapMailServer();
    server.messages = 5;
    server.messageBytes = 2048;
    server.start();
    try {
      server.messages = 6;
      FetchSession session = new FetchSession();
      ImapReplyException e = assertThrows(ImapReplyException.class, () -> session.connectOrStop(server));
      assertTrue(e.getMessage().contains("SELECT shows 5 messages, 6 were stored"), e.getMessage());
      assertFalse(Files.exists(server.directory), "the server stopped and its directory is gone");
    } finally {
      server.stop();
    }
  }
}
