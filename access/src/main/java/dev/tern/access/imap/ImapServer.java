package dev.tern.access.imap;

import dev.tern.access.AccountStore;
import dev.tern.access.imap.internal.command.CommandTable;
import dev.tern.access.imap.internal.fetch.FetchEngine;
import dev.tern.access.imap.internal.mime.StructureCache;
import dev.tern.access.imap.internal.search.SearchEngine;
import dev.tern.access.imap.internal.session.ImapMetrics;
import dev.tern.access.imap.internal.session.ImapServices;
import dev.tern.access.imap.internal.session.SharedSummaries;
import dev.tern.access.imap.internal.transport.ImapListenerVerticle;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.net.AuthThrottle;
import dev.tern.access.net.BoundListeners;
import dev.tern.access.net.ConnectionLimiter;
import dev.tern.access.net.ListenerVerticleFactory;
import dev.tern.access.net.PlaintextLoginPolicy;
import dev.tern.access.net.TlsUpgrader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The IMAP server: one listener per {@link ImapListenerOptions}, each served by one verticle instance per
 * event loop sharing the port. Logins are checked by the {@link AccountStore}; mailboxes live in the
 * {@link MailboxStore}, whose change events keep sessions on one mailbox in step.
 */
public final class ImapServer {

  private static final System.Logger LOG = System.getLogger(ImapServer.class.getName());

  private final Vertx vertx;
  private final ImapServerOptions options;
  private final AccountStore accounts;
  private final MailboxStore mailboxes;
  private final ImapMetrics metrics;
  private final ConnectionLimiter connections;
  private final AuthThrottle authThrottle;
  private final StructureCache structures;
  private final AtomicReference<Duration> grace = new AtomicReference<>(Duration.ofSeconds(30));
  private final BoundListeners listeners;
  private final AtomicBoolean started = new AtomicBoolean();

  /** @throws IllegalArgumentException when the options cannot work (see {@link ImapServerOptions#validate()}) */
  public ImapServer(Vertx vertx, ImapServerOptions options, AccountStore accounts, MailboxStore mailboxes,
      MeterRegistry meters) {
    this.options = options.copy();
    this.options.validate();
    this.vertx = vertx;
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.metrics = new ImapMetrics(meters);
    this.listeners = new BoundListeners(vertx, "imap", this.options.eventLoopInstances());
    this.connections = new ConnectionLimiter(this.options.maxConnections(), this.options.maxConnectionsPerIp());
    this.authThrottle = new AuthThrottle(this.options.maxAuthFailuresPerIp(), this.options.authFailureWindow(),
        System::nanoTime);
    this.structures = new StructureCache(this.options.structureCacheSize());
  }

  /** Binds every listener. Fails if any cannot bind (what was bound is released again). */
  public Future<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("already started"));
    }
    return BoundListeners.startTls(vertx, options.keyCert()).compose(this::bindAll).recover(err -> {
      LOG.log(Level.ERROR, "imap server failed to start: {0}", err.toString());
      return listeners.undeployAll().transform(ar -> Future.failedFuture(err));
    });
  }

  private Future<Void> bindAll(TlsUpgrader startTls) {
    ImapServices services = new ImapServices(vertx, options, accounts, mailboxes, metrics, connections, authThrottle,
        new PlaintextLoginPolicy(options.plaintextAuthOnInsecure()), startTls, structures,
        new FetchEngine(vertx, mailboxes, structures), new SearchEngine(vertx, mailboxes, structures),
        new SharedSummaries());
    Future<Void> chain = Future.succeededFuture();
    for (ImapListenerOptions listener : options.listeners()) {
      ListenerVerticleFactory verticles = (host, port, boundPort) ->
          new ImapListenerVerticle(services, CommandTable::create, listener, host, port, boundPort, grace::get);
      chain = chain.compose(v -> listeners.bind(listener.name(), listener.bindAddresses(), listener.port(), verticles));
    }
    return chain;
  }

  /** The port a listener is bound to (useful with port 0). */
  public int actualPort(String listenerName) {
    return listeners.actualPort(listenerName);
  }

  /**
   * Stops accepting connections and closes every session with {@code * BYE}: idle ones (IDLE included) at
   * once, one in the middle of a command once that command is answered, whatever is left after {@code grace}.
   */
  public Future<Void> shutdown(Duration grace) {
    this.grace.set(grace);
    LOG.log(Level.INFO, "imap server shutting down, grace {0} ms", String.valueOf(grace.toMillis()));
    return listeners.undeployAll();
  }
}
