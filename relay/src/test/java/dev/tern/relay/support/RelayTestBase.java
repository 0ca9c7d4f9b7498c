package dev.tern.relay.support;

import dev.tern.relay.SmtpServerOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One Vert.x per test class and a fresh relay per test, closed after it. A subclass either names the options every
 * test starts with ({@link #relayOptions()}) or, when each test needs its own, calls {@link #start} itself.
 */
public abstract class RelayTestBase {

  protected static Vertx vertx;
  protected RelayFixture relay;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().await();
  }

  /** The options of the relay started before each test; null when the tests start their relay themselves. */
  protected SmtpServerOptions relayOptions() {
    return null;
  }

  @BeforeEach
  void startRelay() {
    SmtpServerOptions options = relayOptions();
    if (options != null) {
      start(options);
    }
  }

  protected RelayFixture start(SmtpServerOptions options) {
    relay = new RelayFixture(vertx, options).start();
    return relay;
  }

  @AfterEach
  void closeRelay() {
    if (relay != null) {
      relay.close();
      relay = null;
    }
  }
}
