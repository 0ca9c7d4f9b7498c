package dev.tern.ops.server;

import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.delivery.Spool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.ops.config.ImapConfig;
import dev.tern.ops.config.ListenerConfig;
import dev.tern.ops.config.Pop3Config;
import dev.tern.ops.config.TernConfig;
import dev.tern.ops.http.OpsHttpServer;
import dev.tern.ops.tls.TlsMaterial;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The composition root of `tern serve`: takes the data directory's lock, prepares the admin token,
 * TLS material and account files (blocking, before Vert.x exists), then builds Vert.x with one
 * Prometheus registry shared by Vert.x's metrics and Tern's meters, opens accounts and spool, builds outbound
 * and local delivery (MX resolver, SMTP client, mailbox store, scheduler), starts the SMTP server, the POP3 server,
 * the IMAP server, then delivery, then the HTTP endpoint. A mail access server whose listeners are all switched off
 * is not created at all. {@link #stop()} undoes it (see there for the order).
 *
 * <p>{@link #start} does file work on the calling thread: call it from main or a test thread, never
 * from an event loop. One instance serves one start.
 */
public final class TernServer {

  private static final System.Logger LOG = System.getLogger(TernServer.class.getName());

  private final TernBackends backends;
  private volatile boolean running;
  private TernConfig config;
  private DataDirLock lock;
  private AdminToken token;
  private PrometheusMeterRegistry meters;
  private Vertx vertx;
  private OpenAccounts accounts;
  private Spool spool;
  private MailboxStore mailboxes;
  private ProtocolService smtp;
  private ProtocolService pop3;
  private ProtocolService imap;
  private DeliveryService delivery;
  private OpsHttpServer http;
  private Future<Void> startFuture;
  private Future<Void> teardownFuture;

  public TernServer() {
    this(TernBackends.embedded());
  }

  public TernServer(TernBackends backends) {
    this.backends = backends;
  }

  public synchronized Future<Void> start(TernConfig cfg) {
    if (startFuture != null) {
      return Future.failedFuture(new IllegalStateException("a TernServer starts once"));
    }
    long began = System.nanoTime();
    this.config = cfg.withDataDir(cfg.dataDir().toAbsolutePath().normalize());
    Path dataDir = config.dataDir();
    KeyCertOptions keyCert;
    DeliverySettings deliverySettings;
    try {
      deliverySettings = DeliverySettings.build(config);
      lock = DataDirLock.acquire(dataDir);
      token = AdminToken.loadOrCreate(dataDir);
      keyCert = TlsMaterial.resolve(config.tls(), dataDir, config.hostname());
      backends.initializeAccounts(accountsDirectory(), config.localDomains());
    } catch (Exception | Error e) {
      releaseLock();
      startFuture = Future.failedFuture(e);
      teardownFuture = Future.succeededFuture();
      return startFuture;
    }

    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("tern.info", () -> 1).description("Constant 1, labelled with the server's host name")
        .tag("hostname", config.hostname()).register(meters);
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(meters))
        .build();

    startFuture = backends.openAccounts(vertx, accountsDirectory())
        .compose(opened -> {
          accounts = opened;
          FsSpoolOptions spoolOptions = new FsSpoolOptions(dataDir.resolve("spool"),
              config.spool().segmentBytes(), config.spool().minFreeDiskBytes());
          return backends.openSpool(vertx, spoolOptions, meters);
        })
        .compose(opened -> {
          spool = opened;
          QuotaLimits quotas = accounts.quotas().apply(config.mailboxes().defaultQuota());
          mailboxes = backends.openMailboxes(vertx, dataDir.resolve("mail"), quotas);
          delivery = backends.delivery(vertx, accounts.store(), mailboxes, deliverySettings, meters);
          smtp = backends.smtpServer(vertx, SmtpOptionsFactory.build(config, keyCert), spool, accounts.store(), meters);
          return smtp.start();
        })
        .compose(v -> {
          if (config.pop3().enabledListeners().isEmpty()) {
            return Future.succeededFuture(); // every POP3 listener switched off: no POP3 server at all
          }
          pop3 = backends.pop3Server(vertx, Pop3OptionsFactory.build(config, keyCert), accounts.store(), mailboxes,
              meters);
          return pop3.start();
        })
        .compose(v -> {
          if (config.imap().enabledListeners().isEmpty()) {
            return Future.succeededFuture(); // every IMAP listener switched off: no IMAP server at all
          }
          // QUOTA is offered only where a limit exists. The answer is taken at start: a first account quota set
          // later shows in IMAP after a restart (the limit itself applies to delivery from the next reload on).
          boolean quota = config.mailboxes().defaultQuota().isPresent() || accounts.anyOwnQuota();
          imap = backends.imapServer(vertx, ImapOptionsFactory.build(config, keyCert, quota), accounts.store(),
              mailboxes, meters);
          return imap.start();
        })
        .compose(v -> delivery.start())
        .compose(v -> {
          http = new OpsHttpServer(vertx, meters, spool, delivery, () -> running, token);
          return http.listen(config.http().bind(), config.http().port());
        })
        .<Void>map(httpPort -> {
          running = true;
          logListeners(httpPort);
          LOG.log(System.Logger.Level.INFO, "tern ready: host " + config.hostname() + ", local domains "
              + config.localDomains() + ", delivery "
              + (config.delivery().relayhost() == null ? "via MX" : "via relayhost " + config.delivery().relayhost())
              + ", data " + dataDir + " (" + (System.nanoTime() - began) / 1_000_000 + " ms)");
          return null;
        })
        .recover(failure -> teardown().transform(ignored -> Future.<Void>failedFuture(failure)));
    return startFuture;
  }

  /**
   * Stops in order: SMTP first, so that no new mail comes in (graceful, up to the configured grace), then the mail
   * access servers in the reverse of their start order, IMAP then POP3 (each with the same grace), delivery
   * (deliveries in flight get the same grace), HTTP, spool, mailboxes, accounts, Vert.x, then the lock. Waits for a
   * start in progress first. Each step runs even if an earlier one failed.
   */
  public synchronized Future<Void> stop() {
    if (startFuture == null) {
      return Future.succeededFuture();
    }
    // A promise bound to no context: the last steps run after Vert.x closed its event loops, so a future tied to
    // one of them would never deliver its completion.
    Promise<Void> stopped = Promise.promise();
    startFuture.onComplete(ignored -> teardown().onComplete(stopped));
    return stopped.future();
  }

  public int smtpPort(String listenerName) {
    return smtp.actualPort(listenerName);
  }

  public int pop3Port(String listenerName) {
    if (pop3 == null) {
      throw new IllegalArgumentException("no POP3 listener is enabled");
    }
    return pop3.actualPort(listenerName);
  }

  /** @throws IllegalArgumentException when no IMAP listener is enabled, or none of that name is bound */
  public int imapPort(String listenerName) {
    if (imap == null) {
      throw new IllegalArgumentException("no IMAP listener is enabled");
    }
    return imap.actualPort(listenerName);
  }

  public int httpPort() {
    return http.actualPort();
  }

  public boolean running() {
    return running;
  }

  public TernConfig config() {
    return config;
  }

  public AdminToken adminToken() {
    return token;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  public Vertx vertx() {
    return vertx;
  }

  private Path accountsDirectory() {
    return config.dataDir().resolve("accounts");
  }

  private synchronized Future<Void> teardown() {
    if (teardownFuture != null) {
      return teardownFuture;
    }
    running = false;
    teardownFuture = step("SMTP shutdown", smtp == null ? null : () -> smtp.shutdown(config.shutdownGrace()))
        .compose(v -> step("IMAP shutdown", imap == null ? null : () -> imap.shutdown(config.shutdownGrace())))
        .compose(v -> step("POP3 shutdown", pop3 == null ? null : () -> pop3.shutdown(config.shutdownGrace())))
        .compose(v -> step("delivery stop", delivery == null ? null : () -> delivery.stop(config.shutdownGrace())))
        .compose(v -> step("HTTP close", http == null ? null : http::close))
        .compose(v -> step("spool close", spool == null ? null : spool::close))
        .compose(v -> step("mailboxes close", mailboxes == null ? null : mailboxes::close))
        .compose(v -> step("accounts close", accounts == null ? null : accounts::close))
        .compose(v -> step("Vert.x close", vertx == null ? null : vertx::close))
        // The lock is a file operation and Vert.x is gone by now: release it on a plain thread.
        .compose(v -> Future.fromCompletionStage(CompletableFuture.runAsync(this::releaseLock)))
        .onSuccess(v -> LOG.log(System.Logger.Level.INFO, "tern stopped"));
    return teardownFuture;
  }

  private static Future<Void> step(String what, Supplier<Future<Void>> action) {
    if (action == null) {
      return Future.succeededFuture();
    }
    Future<Void> f;
    try {
      f = action.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.recover(e -> {
      LOG.log(System.Logger.Level.WARNING, what + " failed: " + e);
      return Future.succeededFuture();
    });
  }

  private void releaseLock() {
    DataDirLock held = lock;
    lock = null;
    if (held == null) {
      return;
    }
    try {
      held.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "cannot release " + held.file() + ": " + e);
    }
  }

  private void logListeners(int httpPort) {
    for (ListenerConfig l : config.smtp().enabledListeners()) {
      logListener(l.name(), l.bind(), smtp::actualPort);
    }
    for (Pop3Config.Pop3ListenerConfig l : config.pop3().enabledListeners()) {
      logListener(l.name(), l.bind(), pop3::actualPort);
    }
    for (ImapConfig.ImapListenerConfig l : config.imap().enabledListeners()) {
      logListener(l.name(), l.bind(), imap::actualPort);
    }
    LOG.log(System.Logger.Level.INFO, "listening http on " + addresses(List.of(config.http().bind()), httpPort)
        + " (/metrics, /health, /admin)");
  }

  private static void logListener(String name, List<String> bind, ToIntFunction<String> actualPort) {
    int port = actualPort.applyAsInt(name);
    LOG.log(System.Logger.Level.INFO, "listening " + name + " on " + addresses(bind, port));
  }

  static String addresses(List<String> hosts, int port) {
    return hosts.stream()
        .map(h -> (h.contains(":") ? "[" + h + "]" : h) + ":" + port)
        .collect(Collectors.joining(", "));
  }
}
