package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding (IPv4, IPv6, wildcards, shared ports) and graceful shutdown. */
class ListenerAndShutdownTest extends RelayTestBase {

  private static SmtpServerOptions optionsWith(List<String> addresses) {
    return new SmtpServerOptions().hostname("mx.test").eventLoopInstances(2).trustedNetworks(List.of("::1/128"))
        .addListener(new SmtpListenerOptions("mx", Role.MX, addresses, 0));
  }

  private static void deliver(String host, int port) throws IOException {
    try (SmtpClient c = new SmtpClient(host, port)) {
      c.expect(220);
      c.ehlo("client.test");
      c.send("MAIL FROM:<a@remote.test>").expect(250);
      c.send("RCPT TO:<alice@example.org>").expect(250);
      c.send("DATA").expect(354);
      c.raw("x\r\n.\r\n").expect(250);
    }
  }

  @Test
  void bindsIpv4AndIpv6LoopbackOnOnePortAndServesBoth() throws Exception {
    try (RelayFixture relay = new RelayFixture(vertx, optionsWith(List.of("127.0.0.1", "::1"))).start()) {
      int port = relay.server.actualPort("mx");
      for (int i = 0; i < 4; i++) {
        deliver("127.0.0.1", port);
        deliver("::1", port);
      }
      assertEquals(8, relay.spool.stored().size());
      assertEquals("::1", relay.spool.stored().get(1).envelope().clientAddress().replace("0:0:0:0:0:0:0:1", "::1"));
      assertTrue(relay.spool.stored().get(1).text().contains("[IPv6:"), relay.spool.stored().get(1).text());
    }
  }

  @Test
  void ipv6TrustedNetworkAllowsRelay() throws Exception {
    try (RelayFixture relay = new RelayFixture(vertx, optionsWith(List.of("::1", "127.0.0.1"))).start();
         SmtpClient v6 = new SmtpClient("::1", relay.server.actualPort("mx"));
         SmtpClient v4 = new SmtpClient("127.0.0.1", relay.server.actualPort("mx"))) {
      v6.expect(220);
      v6.ehlo("c");
      v6.send("MAIL FROM:<a@b.test>").expect(250);
      v6.send("RCPT TO:<x@elsewhere.test>").expect(250);
      v4.expect(220);
      v4.ehlo("c");
      v4.send("MAIL FROM:<a@b.test>").expect(250);
      v4.send("RCPT TO:<x@elsewhere.test>").expect(554, "5.7.1");
    }
  }

  @Test
  void wildcardsOfBothFamiliesAreBoundOrCoveredByDualStack() throws Exception {
    try (RelayFixture relay = new RelayFixture(vertx, optionsWith(List.of("0.0.0.0", "::"))).start()) {
      int port = relay.server.actualPort("mx");
      deliver("127.0.0.1", port);
      deliver("::1", port);
    }
  }

  @Test
  void aBusyPortFailsStart() throws Exception {
    try (RelayFixture first = new RelayFixture(vertx, optionsWith(List.of("127.0.0.1"))).start()) {
      int port = first.server.actualPort("mx");
      SmtpServerOptions clash = new SmtpServerOptions().eventLoopInstances(1)
          .addListener(new SmtpListenerOptions("a", Role.MX, List.of("127.0.0.2"), 0))
          .addListener(new SmtpListenerOptions("b", Role.MX, List.of("127.0.0.1"), port));
      // A second Vertx: within one Vertx the same host:port would be shared rather than refused.
      Vertx other = Vertx.vertx();
      try {
        RelayFixture onOtherVertx = new RelayFixture(other, clash);
        assertThrows(Exception.class, () -> onOtherVertx.server.start().await());
      } finally {
        other.close().await();
      }
      assertThrows(IllegalArgumentException.class, () -> first.server.actualPort("b"));
    }
  }

  @Test
  void shutdownSays421ToIdleSessionsAndLetsADataTransferFinish() throws Exception {
    RelayFixture relay = new RelayFixture(vertx, optionsWith(List.of("127.0.0.1"))).start();
    int port = relay.server.actualPort("mx");
    try (SmtpClient idle = new SmtpClient("127.0.0.1", port); SmtpClient busy = new SmtpClient("127.0.0.1", port)) {
      idle.expect(220);
      busy.expect(220);
      busy.ehlo("client.test");
      busy.send("MAIL FROM:<a@remote.test>").expect(250);
      busy.send("RCPT TO:<alice@example.org>").expect(250);
      busy.send("DATA").expect(354);
      busy.raw("Subject: in flight\r\n\r\nfirst half\r\n");
      Future<Void> stopped = relay.server.shutdown(Duration.ofSeconds(5));
      idle.expect(421, "4.3.2");
      assertTrue(idle.closedByServer());
      busy.raw("second half\r\n.\r\n");
      busy.expect(250, "queued");
      busy.expect(421, "4.3.2");
      assertTrue(busy.closedByServer());
      stopped.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThrows(ConnectException.class, () -> new SmtpClient("127.0.0.1", port).close());
    }
    assertEquals(1, relay.spool.stored().size());
    assertTrue(relay.spool.stored().get(0).text().endsWith("first half\r\nsecond half\r\n"));
  }

  @Test
  void aTransferStillRunningWhenTheGraceEndsIsCutOffAndNotStored() throws Exception {
    RelayFixture relay = new RelayFixture(vertx, optionsWith(List.of("127.0.0.1"))).start();
    try (SmtpClient slow = new SmtpClient("127.0.0.1", relay.server.actualPort("mx"))) {
      slow.expect(220);
      slow.ehlo("client.test");
      slow.send("MAIL FROM:<a@remote.test>").expect(250);
      slow.send("RCPT TO:<alice@example.org>").expect(250);
      slow.send("DATA").expect(354);
      slow.raw("never finished\r\n");
      relay.server.shutdown(Duration.ofMillis(300)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(slow.closedByServer());
    }
    assertTrue(relay.spool.stored().isEmpty());
    for (int i = 0; i < 100 && relay.spool.aborted() == 0; i++) {
      Thread.sleep(20);
    }
    assertEquals(1, relay.spool.aborted());
  }
}
