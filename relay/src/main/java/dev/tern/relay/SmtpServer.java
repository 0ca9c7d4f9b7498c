package dev.tern.relay;

import dev.tern.access.AccountStore;
import dev.tern.delivery.Spool;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * The SMTP server: one listener per {@link SmtpListenerOptions}, each served by one verticle instance
 * per event loop sharing the port. Accepted mail goes to the {@link Spool}.
 */
public final class SmtpServer {

  public SmtpServer(Vertx vertx, SmtpServerOptions options, Spool spool, AccountStore accounts, MeterRegistry meters) {
    throw new IllegalStateException("SmtpServer is built on the relay branch");
  }

  /** Binds every listener. Fails if any cannot bind. */
  public Future<Void> start() {
    throw new IllegalStateException("SmtpServer is built on the relay branch");
  }

  /** The port a listener is bound to (useful with port 0). */
  public int actualPort(String listenerName) {
    throw new IllegalStateException("SmtpServer is built on the relay branch");
  }

  /**
   * Stops accepting connections, sends 421 to idle sessions, lets sessions in DATA/BDAT finish for
   * up to {@code grace}, then closes what is left.
   */
  public Future<Void> shutdown(Duration grace) {
    throw new IllegalStateException("SmtpServer is built on the relay branch");
  }
}
