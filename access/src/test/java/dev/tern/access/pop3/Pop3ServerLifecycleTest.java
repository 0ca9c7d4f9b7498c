package dev.tern.access.pop3;

import dev.tern.access.pop3.support.Messages;
import dev.tern.access.pop3.support.Pop3Client;
import dev.tern.access.pop3.support.Pop3TestBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Start, shutdown, connection limits, options checks and the active-session gauge. */
class Pop3ServerLifecycleTest extends Pop3TestBase {

  @Test
  void shutdownClosesSessionsWithoutDeletingAnything() throws Exception {
    start();
    pop3.deliver(ALICE, Messages.message("one", "a"));
    pop3.deliver(ALICE, Messages.message("two", "b"));
    List<Long> before = pop3.uids(ALICE);
    int port = pop3.port();
    try (Pop3Client client = pop3.loginAlice(); Pop3Client idle = pop3.connect()) {
      client.ok("DELE 1");
      pop3.server.shutdown(Duration.ofSeconds(5)).await();
      assertEquals("-ERR [SYS/TEMP] pop.test server shutting down", client.err());
      assertTrue(client.closedByServer());
      assertTrue(idle.err().contains("shutting down"));
      assertTrue(idle.closedByServer());
    }
    assertEquals(before, pop3.uids(ALICE));
    assertThrows(IOException.class, () -> new Pop3Client("127.0.0.1", port).close());
  }

  @Test
  void connectionLimitsPerIp() throws Exception {
    start(options().maxConnectionsPerIp(2));
    try (Pop3Client one = pop3.connect(); Pop3Client two = pop3.connect();
         Pop3Client three = new Pop3Client("127.0.0.1", pop3.port())) {
      assertEquals("-ERR [SYS/TEMP] too many connections, try later", three.err());
      assertTrue(three.closedByServer());
      one.ok("QUIT");
      two.ok("CAPA");
      two.body();
    }
    eventually("the slots are free again", () -> pop3.counter("tern.pop3.rejects", "reason", "connection_limit") == 1
        && gauge() == 0);
    try (Pop3Client again = pop3.connect()) {
      again.ok("CAPA");
    }
  }

  @Test
  void activeSessionsGauge() throws Exception {
    start();
    try (Pop3Client one = pop3.connect(); Pop3Client two = pop3.connect()) {
      one.ok("CAPA");
      one.body();
      two.ok("CAPA");
      two.body();
      assertEquals(2, gauge());
    }
    eventually("sessions are counted as closed", () -> gauge() == 0);
  }

  @Test
  void startTwiceAndUnknownListener() throws Exception {
    start();
    assertTrue(pop3.server.start().failed());
    assertThrows(IllegalArgumentException.class, () -> pop3.server.actualPort("nope"));
  }

  @Test
  void listenerOnIpv6Loopback() throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
    start(options().addListener(new Pop3ListenerOptions("v6", List.of("::1"), 0, false)));
    try (Pop3Client client = new Pop3Client("::1", pop3.port("v6"))) {
      client.ok();
      client.login(ALICE, "wonderland");
    }
  }

  @Test
  void optionsThatCannotWorkAreRefused() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    assertThrows(IllegalArgumentException.class,
        () -> new Pop3Server(vertx, new Pop3ServerOptions(), null, null, meters));
    assertThrows(IllegalArgumentException.class,
        () -> new Pop3Server(vertx, options().maxLineLength(100), null, null, meters));
    assertThrows(IllegalArgumentException.class,
        () -> new Pop3Server(vertx, options().addListener(new Pop3ListenerOptions("pop3", List.of("::1"), 0, false)),
            null, null, meters));
    assertThrows(IllegalArgumentException.class,
        () -> new Pop3Server(vertx, options().hostname("two words"), null, null, meters));
    assertThrows(IllegalArgumentException.class,
        () -> new Pop3Server(vertx, options().idleTimeout(Duration.ZERO), null, null, meters));
  }

  private static boolean ipv6Loopback() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return probe.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  private double gauge() {
    var gauge = pop3.meters.find("tern.pop3.sessions.active").gauge();
    return gauge == null ? -1 : gauge.value();
  }
}
