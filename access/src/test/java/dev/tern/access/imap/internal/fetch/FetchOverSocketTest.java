package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.session.SessionOutput;
import static dev.tern.access.imap.internal.support.Commands.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.imap.internal.support.MailboxFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** FETCH onto a real socket on 127.0.0.1, read by a client that stops reading now and then, or goes away. */
@ExtendWith(VertxExtension.class)
class FetchOverSocketTest {

  @TempDir
  Path root;
  Vertx vertx;
  MailboxFixture mailbox;
  FetchEngine engine;
  NetServer server;
  final Promise<FetchOutcome> outcome = Promise.promise();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    mailbox = new MailboxFixture(vertx, root);
    engine = new FetchEngine(vertx, mailbox.store(), new StructureCache(10));
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      MailboxFixture.await(server.close());
    }
    mailbox.close();
  }

  /**
   * A server that answers every connection with the FETCH (the client decides when to close), writing through
   * the session's {@link SessionOutput} as the IMAP session does, which is told when the connection closes.
   */
  private int serve(String items) {
    FetchRequest request = new FetchRequest(MailboxFixture.ACCOUNT, MailboxFixture.INBOX, mailbox.uidValidity(),
        mailbox.views(), items(items), false, Set.of());
    server = vertx.createNetServer().connectHandler(socket -> {
      SessionOutput output = new SessionOutput(socket);
      socket.closeHandler(v -> output.closed());
      engine.fetch(request, output).onComplete(outcome);
    });
    return MailboxFixture.await(server.listen(0, "127.0.0.1")).actualPort();
  }

  private static String sha256(byte[]... parts) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (byte[] part : parts) {
      digest.update(part);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void aBigMessageReachesASlowReaderIntact() throws Exception {
    byte[] raw = MailboxFixture.crlf(("Subject: over the wire\n\n" + "0123456789abcdef".repeat(4) + "\n").repeat(80_000));
    mailbox.appendBytes(raw, Set.of(), MailboxFixture.DATE);
    int port = serve("BODY.PEEK[]");
    byte[] head = ("* 1 FETCH (BODY[] {" + raw.length + "}\r\n").getBytes();
    byte[] tail = ")\r\n".getBytes();
    long expected = head.length + raw.length + tail.length;
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    AtomicLong octets = new AtomicLong();
    Promise<Void> all = Promise.promise();
    NetSocket client = MailboxFixture.await(vertx.createNetClient().connect(port, "127.0.0.1"));
    client.handler(data -> {
      received.update(data.getBytes());
      if (octets.get() + data.length() >= expected) {
        octets.addAndGet(data.length());
        all.complete();
        return;
      }
      // pause for a moment every 256 KiB so the server's write queue fills
      if (octets.addAndGet(data.length()) / (256 * 1024) != (octets.get() - data.length()) / (256 * 1024)) {
        client.pause();
        vertx.setTimer(5, id -> client.resume());
      }
    });
    MailboxFixture.await(all.future());
    assertEquals(1, MailboxFixture.await(outcome.future()).messagesSent());
    MailboxFixture.await(vertx.timer(100)); // nothing more arrives
    assertEquals(expected, octets.get());
    assertEquals(sha256(head, raw, tail), HexFormat.of().formatHex(received.digest()));
  }

  @Test
  void aClientThatGoesAwayEndsTheFetch() {
    for (int i = 0; i < 40; i++) {
      mailbox.append("Subject: " + i + "\n\n" + "some body text\n".repeat(20_000));
    }
    int port = serve("BODY.PEEK[]");
    NetSocket client = MailboxFixture.await(vertx.createNetClient().connect(port, "127.0.0.1"));
    Promise<Void> firstData = Promise.promise();
    client.handler(data -> {
      client.pause(); // read one chunk, then stop reading and leave
      firstData.tryComplete();
    });
    MailboxFixture.await(firstData.future());
    MailboxFixture.await(vertx.timer(200));
    MailboxFixture.await(client.close());
    Future<FetchOutcome> result = outcome.future();
    Throwable failure = MailboxFixture.await(result.transform(done -> Future.succeededFuture(done.cause())));
    assertTrue(failure != null, "the FETCH must fail once the connection is gone");
  }
}
