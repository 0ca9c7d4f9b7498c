package dev.tern.benchmarks.imap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
