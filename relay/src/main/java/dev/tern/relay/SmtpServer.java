package dev.tern.relay;

import dev.tern.access.AccountStore;
import dev.tern.access.net.BoundListeners;
import dev.tern.access.net.ListenerVerticleFactory;
import dev.tern.access.net.TlsUpgrader;
import dev.tern.delivery.Spool;
import dev.tern.access.net.AuthThrottle;
import dev.tern.access.net.ConnectionLimiter;
import dev.tern.relay.internal.policy.RelayPolicy;
import dev.tern.relay.internal.session.RelayServices;
import dev.tern.relay.internal.session.SmtpMetrics;
import dev.tern.relay.internal.transport.SmtpListenerVerticle;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SMTP server: one listener per {@link SmtpListenerOptions}, each served by one verticle instance
 * per event loop sharing the port. Accepted mail goes to the {@link Spool}.
 */
public final class SmtpServer {

  private static final System.Logger LOG = System.getLogger(SmtpServer.class.getName());

  private final Vertx vertx;
  private final SmtpServerOptions options;
  private final Spool spool;
  private final AccountStore accounts;
  private final SmtpMetrics metrics;
  private final ConnectionLimiter connections;
  private final AuthThrottle authThrottle;
  private final RelayPolicy relayPolicy;
  private final AtomicReference<Duration> grace = new AtomicReference<>(Duration.ofSeconds(30));
  private final BoundListeners listeners;
  private final AtomicBoolean started = new AtomicBoolean();

  public SmtpServer(Vertx vertx, SmtpServerOptions options, Spool spool, AccountStore accounts, MeterRegistry meters) {
    this.vertx = vertx;
    this.options = options;
    this.spool = spool;
    this.accounts = accounts;
    this.metrics = new SmtpMetrics(meters);
    this.connections = new ConnectionLimiter(options.maxConnections(), options.maxConnectionsPerIp());
    this.authThrottle = new AuthThrottle(options.maxAuthFailuresPerIp(), options.authFailureWindow(), System::nanoTime);
    this.relayPolicy = new RelayPolicy(options.trustedNetworks());
    this.listeners = new BoundListeners(vertx, "smtp", options.eventLoopInstances());
  }

  /** Binds every listener. Fails if any cannot bind (what was bound is released again). */
  public Future<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    return BoundListeners.startTls(vertx, options.keyCert()).compose(this::bindAll).recover(err -> {
      LOG.log(Level.ERROR, "smtp server failed to start: {0}", err.toString());
      return listeners.undeployAll().transform(ar -> Future.failedFuture(err));
    });
  }

  private Future<Void> bindAll(TlsUpgrader startTls) {
    RelayServices services = new RelayServices(vertx, options, spool, accounts, metrics, connections, authThrottle,
        relayPolicy, startTls);
    Future<Void> chain = Future.succeededFuture();
    for (SmtpListenerOptions listener : options.listeners()) {
      ListenerVerticleFactory verticles =
          (host, port, boundPort) -> new SmtpListenerVerticle(services, listener, host, port, boundPort, grace::get);
      chain = chain.compose(v -> listeners.bind(listener.name(), listener.bindAddresses(), listener.port(), verticles));
    }
    return chain;
  }

  /** The port a listener is bound to (useful with port 0). */
  public int actualPort(String listenerName) {
    return listeners.actualPort(listenerName);
  }

  /**
   * Stops accepting connections, sends 421 to idle sessions, lets sessions in DATA/BDAT finish for
   * up to {@code grace}, then closes what is left.
   */
  public Future<Void> shutdown(Duration grace) {
    this.grace.set(grace);
    LOG.log(Level.INFO, "smtp server shutting down, grace {0} ms", String.valueOf(grace.toMillis()));
    return listeners.undeployAll();
  }

}
