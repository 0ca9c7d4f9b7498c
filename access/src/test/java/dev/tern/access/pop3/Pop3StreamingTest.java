package dev.tern.access.pop3;

import dev.tern.access.pop3.support.Messages;
import dev.tern.access.pop3.support.Pop3Client;
import dev.tern.access.pop3.support.Pop3TestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large messages: complete and intact, read only as fast as the client takes them, and a stalled reader. */
class Pop3StreamingTest extends Pop3TestBase {

  private static final int LARGE = 24 * 1024 * 1024;

  @Test
  void aLargeMessageArrivesCompleteAndIntact() throws Exception {
    start();
    byte[] large = Messages.large(LARGE);
    pop3.deliver(ALICE, large);
    try (Pop3Client client = pop3.loginAlice()) {
      assertEquals("+OK 1 " + large.length, client.ok("STAT"));
      assertEquals("+OK " + large.length + " octets", client.ok("RETR 1"));
      assertArrayEquals(Messages.wireForm(large), client.rawBody());
      client.ok("TOP 1 2");
      assertEquals(6, client.body().size());
      client.ok("NOOP");
    }
  }

  @Test
  void theMessageIsReadOnlyAsFastAsTheClientTakesIt() throws Exception {
    start();
    byte[] large = Messages.large(LARGE);
    pop3.deliver(ALICE, large);
    try (Pop3Client client = pop3.loginAlice()) {
      client.send("RETR 1");
      // The client reads nothing: the server must stop once the socket buffers and its write queue are full.
      double stalled = settledBytesSent();
      assertTrue(stalled > 0 && stalled < large.length * 0.75,
          "sent " + stalled + " of " + large.length + " bytes to a client that reads nothing");
      client.ok();
      assertArrayEquals(Messages.wireForm(large), client.rawBody());
      client.ok("QUIT");
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndTheMaildropReleased() throws Exception {
    start(options().idleTimeout(Duration.ofMillis(500)));
    pop3.deliver(ALICE, Messages.large(LARGE));
    Pop3Client stalled = pop3.loginAlice();
    stalled.send("RETR 1");
    eventually("the stalled session times out", () -> pop3.counter("tern.pop3.rejects", "reason", "timeout") == 1);
    eventually("the maildrop is free again", () -> {
      try (Pop3Client again = pop3.connect()) {
        again.ok("USER " + ALICE);
        again.send("PASS wonderland");
        return again.line().startsWith("+OK");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    stalled.close();
    assertEquals(1, pop3.uids(ALICE).size());
  }

  /** Waits until the bytes-sent counter has not moved for a while, then returns it. */
  private double settledBytesSent() throws InterruptedException {
    double last = -1;
    int unchanged = 0;
    while (unchanged < 10) {
      Thread.sleep(50);
      double now = pop3.counter("tern.pop3.bytes.sent");
      unchanged = now == last && now > 0 ? unchanged + 1 : 0;
      last = now;
    }
    return last;
  }
}
