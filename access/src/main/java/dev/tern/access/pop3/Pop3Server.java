package dev.tern.access.pop3;

import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.net.AuthThrottle;
import dev.tern.access.net.ConnectionLimiter;
import dev.tern.access.net.BoundListeners;
import dev.tern.access.net.ListenerVerticleFactory;
import dev.tern.access.net.TlsUpgrader;
import dev.tern.access.pop3.internal.session.MaildropLocks;
import dev.tern.access.net.PlaintextLoginPolicy;
import dev.tern.access.pop3.internal.session.Pop3Metrics;
import dev.tern.access.pop3.internal.session.Pop3Services;
import dev.tern.access.pop3.internal.transport.Pop3ListenerVerticle;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The POP3 server: one listener per {@link Pop3ListenerOptions}, each served by one verticle instance per
 * event loop sharing the port. Logins are checked by the {@link AccountStore}; the maildrop is the account's
 * INBOX in the {@link MailboxStore}.
 */
public final class Pop3Server {

  private static final System.Logger LOG = System.getLogger(Pop3Server.class.getName());

  private final Vertx vertx;
  private final Pop3ServerOptions options;
  private final AccountStore accounts;
  private final MailboxStore mailboxes;
  private final Pop3Metrics metrics;
  private final ConnectionLimiter connections;
  private final AuthThrottle authThrottle;
  private final AtomicReference<Duration> grace = new AtomicReference<>(Duration.ofSeconds(30));
  private final BoundListeners listeners;
  private final AtomicBoolean started = new AtomicBoolean();

  /** @throws IllegalArgumentException when the options cannot work (see {@link Pop3ServerOptions#validate()}) */
  public Pop3Server(Vertx vertx, Pop3ServerOptions options, AccountStore accounts, MailboxStore mailboxes,
      MeterRegistry meters) {
    this.options = options.copy();
    this.options.validate();
    this.vertx = vertx;
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.metrics = new Pop3Metrics(meters);
    this.listeners = new BoundListeners(vertx, "pop3", this.options.eventLoopInstances());
    this.connections = new ConnectionLimiter(this.options.maxConnections(), this.options.maxConnectionsPerIp());
    this.authThrottle = new AuthThrottle(this.options.maxAuthFailuresPerIp(), this.options.authFailureWindow(),
        System::nanoTime);
  }

  /** Binds every listener. Fails if any cannot bind (what was bound is released again). */
  public Future<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    return BoundListeners.startTls(vertx, options.keyCert()).compose(this::bindAll).recover(err -> {
      LOG.log(Level.ERROR, "pop3 server failed to start: {0}", err.toString());
      return listeners.undeployAll().transform(ar -> Future.failedFuture(err));
    });
  }

  private Future<Void> bindAll(TlsUpgrader startTls) {
    Pop3Services services = new Pop3Services(vertx, options, accounts, mailboxes, metrics, connections, authThrottle,
        MaildropLocks.JVM, new PlaintextLoginPolicy(options.plaintextAuthOnInsecure()), startTls);
    Future<Void> chain = Future.succeededFuture();
    for (Pop3ListenerOptions listener : options.listeners()) {
      ListenerVerticleFactory verticles =
          (host, port, boundPort) -> new Pop3ListenerVerticle(services, listener, host, port, boundPort, grace::get);
      chain = chain.compose(v -> listeners.bind(listener.name(), listener.bindAddresses(), listener.port(), verticles));
    }
    return chain;
  }

  /** The port a listener is bound to (useful with port 0). */
  public int actualPort(String listenerName) {
    return listeners.actualPort(listenerName);
  }

  /**
   * Stops accepting connections and closes every session: idle ones at once, one in the middle of a
   * command (a message being sent, deletions after QUIT being applied) once that command is done, whatever
   * is left after {@code grace}. A session that did not QUIT deletes nothing.
   */
  public Future<Void> shutdown(Duration grace) {
    this.grace.set(grace);
    LOG.log(Level.INFO, "pop3 server shutting down, grace {0} ms", String.valueOf(grace.toMillis()));
    return listeners.undeployAll();
  }

}
