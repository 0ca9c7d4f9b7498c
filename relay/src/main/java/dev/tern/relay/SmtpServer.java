package dev.tern.relay;

import dev.tern.access.AccountStore;
import dev.tern.access.net.ListenerBinder;
import dev.tern.access.net.ListenerVerticleFactory;
import dev.tern.access.net.NettyStartTls;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final List<String> deployments = new CopyOnWriteArrayList<>();
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
  }

  /** Binds every listener. Fails if any cannot bind (what was bound is released again). */
  public Future<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    Future<TlsUpgrader> tls = options.keyCert() == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> NettyStartTls.create(vertx, options.keyCert()));
    return tls.compose(this::bindAll).recover(err -> {
      LOG.log(Level.ERROR, "smtp server failed to start: {0}", err.toString());
      return undeployAll().transform(ar -> Future.failedFuture(err));
    });
  }

  private Future<Void> bindAll(TlsUpgrader startTls) {
    RelayServices services = new RelayServices(vertx, options, spool, accounts, metrics, connections, authThrottle,
        relayPolicy, startTls);
    ListenerBinder binder = new ListenerBinder(vertx, "smtp", options.eventLoopInstances(), deployments::add);
    Future<Void> chain = Future.succeededFuture();
    for (SmtpListenerOptions listener : options.listeners()) {
      ListenerVerticleFactory verticles =
          (host, port, boundPort) -> new SmtpListenerVerticle(services, listener, host, port, boundPort, grace::get);
      chain = chain.compose(v -> binder.bind(listener.name(), listener.bindAddresses(), listener.port(), verticles)
          .map(port -> {
            ports.put(listener.name(), port);
            return null;
          }));
    }
    return chain;
  }

  /** The port a listener is bound to (useful with port 0). */
  public int actualPort(String listenerName) {
    Integer port = ports.get(listenerName);
    if (port == null) {
      throw new IllegalArgumentException("no bound listener named " + listenerName);
    }
    return port;
  }

  /**
   * Stops accepting connections, sends 421 to idle sessions, lets sessions in DATA/BDAT finish for
   * up to {@code grace}, then closes what is left.
   */
  public Future<Void> shutdown(Duration grace) {
    this.grace.set(grace);
    LOG.log(Level.INFO, "smtp server shutting down, grace {0} ms", String.valueOf(grace.toMillis()));
    return undeployAll();
  }

  private Future<Void> undeployAll() {
    List<Future<Void>> undeploys = new ArrayList<>();
    for (String id : deployments) {
      undeploys.add(vertx.undeploy(id));
      deployments.remove(id);
    }
    ports.clear();
    return Future.join(undeploys).mapEmpty();
  }
}
