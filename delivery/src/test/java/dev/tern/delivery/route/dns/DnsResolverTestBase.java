package dev.tern.delivery.route.dns;

import static dev.tern.delivery.route.dns.DnsTestSupport.await;

import dev.tern.delivery.testing.TestDnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh Vert.x, test DNS server and meter registry for each test, closed after it. */
abstract class DnsResolverTestBase {

  protected Vertx vertx;
  protected TestDnsServer dns;
  protected SimpleMeterRegistry registry;

  @BeforeEach
  void startDns() throws Exception {
    vertx = Vertx.vertx();
    dns = TestDnsServer.start();
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void stopDns() throws Exception {
    dns.close();
    await(vertx.close());
  }

  /** A resolver counting into {@link #registry}. */
  protected DnsMxResolver resolver(DnsOptions options) {
    return new DnsMxResolver(vertx, options, registry);
  }
}
