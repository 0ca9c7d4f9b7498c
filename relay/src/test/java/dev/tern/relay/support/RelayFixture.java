package dev.tern.relay.support;

import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServer;
import dev.tern.relay.SmtpServerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A started SmtpServer on 127.0.0.1 (and optionally ::1) port 0 with an in-memory spool and accounts. */
public final class RelayFixture implements AutoCloseable {

  public final Vertx vertx;
  public final InMemorySpool spool;
  public final FakeAccounts accounts;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final SmtpServerOptions options;
  public final SmtpServer server;

  public RelayFixture(Vertx vertx, SmtpServerOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.spool = new InMemorySpool(vertx);
    this.accounts = new FakeAccounts().domain("example.org").user("alice@example.org", "secret")
        .alias("postmaster@example.org", "alice@example.org").alias("postmaster@mx.test", "alice@example.org")
        .domain("mx.test");
    this.server = new SmtpServer(vertx, options, spool, accounts, meters);
  }

  /** Options with one listener per role given, all on 127.0.0.1 port 0, two event-loop instances. */
  public static SmtpServerOptions options(Role... roles) {
    SmtpServerOptions options = new SmtpServerOptions().hostname("mx.test").eventLoopInstances(2)
        .trustedNetworks(List.of("127.0.0.1/32"));
    for (Role role : roles) {
      options.addListener(new SmtpListenerOptions(role.name().toLowerCase(), role, List.of("127.0.0.1"), 0));
    }
    return options;
  }

  public RelayFixture start() {
    server.start().await();
    return this;
  }

  public int port(Role role) {
    return server.actualPort(role.name().toLowerCase());
  }

  public SmtpClient connect(Role role) throws IOException {
    SmtpClient client = new SmtpClient("127.0.0.1", port(role));
    client.expect(220);
    return client;
  }

  public SmtpClient connectFrom(String localAddress, Role role) throws IOException {
    SmtpClient client = new SmtpClient("127.0.0.1", port(role), localAddress);
    client.expect(220);
    return client;
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofMillis(200)).await();
  }
}
