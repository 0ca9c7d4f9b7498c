package dev.tern.ops.server;

import dev.tern.access.password.Argon2idHasher;
import dev.tern.access.fs.FsAccounts;
import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.ops.config.ConfigLoader;
import dev.tern.ops.config.HttpConfig;
import dev.tern.ops.config.TernConfig;
import dev.tern.ops.testing.FakeBackends;
import dev.tern.relay.SmtpListenerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tern.ops.testing.Http.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TernServerTest {

  /** Cheap Argon2id parameters: the test needs an account, not a strong hash. */
  private static final Argon2idHasher CHEAP_HASHES = new Argon2idHasher(1024, 1, 1);

  static TernConfig config(Path data) throws Exception {
    TernConfig c = ConfigLoader.parse("hostname: mx.test.example\nlocalDomains: [test.example]\nshutdownGrace: 2s\n"
        + "smtp:\n  listeners:\n    submissions: {enabled: false}\n  limits: {maxRecipients: 7}\n", Path.of("."));
    return c.withDataDir(data).withSmtp(c.smtp().onEphemeralLoopbackPorts())
        .withPop3(c.pop3().onEphemeralLoopbackPorts()).withImap(c.imap().onEphemeralLoopbackPorts())
        .withHttp(new HttpConfig("127.0.0.1", 0));
  }

  private static void await(io.vertx.core.Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void lockIsExclusiveAndNamesTheHolder(@TempDir Path data) throws Exception {
    try (DataDirLock first = DataDirLock.acquire(data)) {
      DataDirectoryInUseException e = assertThrows(DataDirectoryInUseException.class, () -> DataDirLock.acquire(data));
      assertEquals("data directory " + data + " is in use by another tern process (pid " + ProcessHandle.current().pid() + ")",
          e.getMessage());
      assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(first.file()));
    }
    DataDirLock.acquire(data).close();
  }

  @Test
  void startsWiresAndStopsInOrder(@TempDir Path data) throws Exception {
    FakeBackends backends = new FakeBackends();
    TernServer server = new TernServer(backends);
    await(server.start(config(data)));
    try {
      assertTrue(server.running());
      assertEquals(List.of("initialize [test.example]", "smtp started", "pop3 started", "imap started",
          "delivery started"), backends.events());
      assertEquals("mx.test.example", backends.deliverySettings.outbound().heloName());
      assertEquals("mx.test.example", backends.deliverySettings.scheduler().hostname());
      assertEquals(data.resolve("spool"), backends.spoolOptions.directory());
      assertEquals(7, backends.smtpOptions.maxRecipients());
      assertEquals("mx.test.example", backends.smtpOptions.hostname());
      assertEquals(List.of("smtp", "submission"), backends.smtpOptions.listeners().stream().map(SmtpListenerOptions::name).toList());
      assertTrue(backends.smtpOptions.keyCert() != null);
      assertTrue(Files.exists(data.resolve("tls/cert.pem")));
      Path token = data.resolve("admin.token");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
      assertEquals(64, Files.readString(token).trim().length());

      try (Socket smtp = new Socket("127.0.0.1", server.smtpPort("smtp"))) {
        assertEquals("220 fake", new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.US_ASCII)).readLine());
      }
      int http = server.httpPort();
      assertEquals(200, get(http, "/health", null).statusCode());
      assertEquals(200, get(http, "/admin/queue/count", "Bearer " + server.adminToken().value()).statusCode());
      String metrics = get(http, "/metrics", null).body();
      assertTrue(metrics.contains("vertx_http_server_"), metrics);
      assertTrue(metrics.contains("tern_test_spool_opened_total 1.0"), metrics);
      assertTrue(metrics.contains("tern_info{hostname=\"mx.test.example\"} 1"), metrics);

      TernServer second = new TernServer(new FakeBackends());
      ExecutionException e = assertThrows(ExecutionException.class, () -> await(second.start(config(data))));
      assertTrue(e.getCause() instanceof DataDirectoryInUseException);
      assertTrue(e.getCause().getMessage().startsWith("data directory " + data + " is in use by another tern process (pid "));
    } finally {
      await(server.stop());
    }
    assertFalse(server.running());
    assertTrue(backends.spool.closed());
    Duration grace = Duration.ofSeconds(2);
    assertEquals(List.of("initialize [test.example]", "smtp started", "pop3 started", "imap started",
        "delivery started", "smtp shutdown " + grace, "imap shutdown " + grace, "pop3 shutdown " + grace,
        "delivery stopped " + grace, "accounts closed"), backends.events());
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", server.httpPort()).close());

    TernServer again = new TernServer(new FakeBackends());
    await(again.start(config(data)));
    await(again.stop());
  }

  @Test
  void popListenersSwitchedOffMeanNoPop3ServerAndTheRestRuns(@TempDir Path data) throws Exception {
    TernConfig c = config(data);
    TernConfig noPop3 = c.withPop3(ConfigLoader.parse(
        "pop3:\n  listeners:\n    pop3: {enabled: false}\n    pop3s: {enabled: false}\n", Path.of(".")).pop3());
    TernServer server = new TernServer(new FakeBackends());
    await(server.start(noPop3));
    try {
      assertTrue(server.running());
      assertThrows(IllegalArgumentException.class, () -> server.pop3Port("pop3"));
    } finally {
      await(server.stop());
    }
  }

  @Test
  void pop3ListensWhereConfigured(@TempDir Path data) throws Exception {
    TernServer server = new TernServer(new FakeBackends());
    await(server.start(config(data)));
    try (Socket pop3 = new Socket("127.0.0.1", server.pop3Port("pop3"))) {
      assertTrue(new BufferedReader(new InputStreamReader(pop3.getInputStream(), StandardCharsets.US_ASCII)).readLine()
          .startsWith("+OK"));
    } finally {
      await(server.stop());
    }
  }

  @Test
  void imapListensWhereConfiguredWithTheHostnameAndCertificateOfTheOtherServers(@TempDir Path data) throws Exception {
    TernConfig c = config(data);
    TernConfig tuned = c.withImap(ConfigLoader.parse("""
        imap:
          insecureAuth: true
          idleTimeout: 45m
          limits: {maxAppendSize: 10M, maxConnectionsPerIp: 7}
          structureCacheSize: 500
          instances: 2
        """, Path.of(".")).imap().onEphemeralLoopbackPorts());
    FakeBackends backends = new FakeBackends();
    TernServer server = new TernServer(backends);
    await(server.start(tuned));
    try {
      ImapServerOptions imap = backends.imapOptions;
      assertEquals("mx.test.example", imap.hostname());
      assertSame(backends.smtpOptions.keyCert(), imap.keyCert(), "one certificate for SMTP, POP3 and IMAP");
      assertEquals(List.of(new ImapListenerOptions("imap", List.of("127.0.0.1"), 0, false),
          new ImapListenerOptions("imaps", List.of("127.0.0.1"), 0, true)), imap.listeners());
      assertTrue(imap.plaintextAuthOnInsecure());
      assertEquals(Duration.ofMinutes(45), imap.idleTimeout());
      assertEquals(10L * 1024 * 1024, imap.maxAppendSize());
      assertEquals(7, imap.maxConnectionsPerIp());
      assertEquals(500, imap.structureCacheSize());
      assertEquals(2, imap.eventLoopInstances());
      assertFalse(imap.quota(), "no quota anywhere, so no QUOTA capability");
      for (String listener : List.of("imap", "imaps")) {
        try (Socket socket = new Socket("127.0.0.1", server.imapPort(listener))) {
          assertEquals("* OK fake", new BufferedReader(new InputStreamReader(socket.getInputStream(),
              StandardCharsets.US_ASCII)).readLine());
        }
      }
      assertThrows(IllegalArgumentException.class, () -> server.imapPort("imap4"));
    } finally {
      await(server.stop());
    }
  }

  @Test
  void imapListenersSwitchedOffMeanNoImapServerAndTheRestRuns(@TempDir Path data) throws Exception {
    TernConfig c = config(data);
    TernConfig noImap = c.withImap(ConfigLoader.parse(
        "imap:\n  listeners:\n    imap: {enabled: false}\n    imaps: {enabled: false}\n", Path.of(".")).imap());
    FakeBackends backends = new FakeBackends();
    TernServer server = new TernServer(backends);
    await(server.start(noImap));
    try {
      assertTrue(server.running());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.imapPort("imap"));
      assertEquals("no IMAP listener is enabled", e.getMessage());
      assertEquals(null, backends.imapOptions, "no IMAP server was built");
      assertEquals(List.of("initialize [test.example]", "smtp started", "pop3 started", "delivery started"),
          backends.events());
    } finally {
      await(server.stop());
    }
  }

  @Test
  void oneImapListenerSwitchedOffLeavesTheOther(@TempDir Path data) throws Exception {
    TernConfig c = config(data);
    TernConfig onlyImaps = c.withImap(ConfigLoader.parse(
        "imap:\n  listeners:\n    imap: {enabled: false}\n", Path.of(".")).imap().onEphemeralLoopbackPorts());
    FakeBackends backends = new FakeBackends();
    TernServer server = new TernServer(backends);
    await(server.start(onlyImaps));
    try {
      assertEquals(List.of("imaps"), backends.imapOptions.listeners().stream().map(ImapListenerOptions::name).toList());
      assertTrue(server.imapPort("imaps") > 0);
      assertThrows(IllegalArgumentException.class, () -> server.imapPort("imap"));
    } finally {
      await(server.stop());
    }
  }

  @Test
  void imapOffersQuotaWhenADefaultOrAnAccountQuotaExists(@TempDir Path data) throws Exception {
    TernConfig c = config(data);
    TernConfig withDefault = new TernConfig(c.dataDir(), c.hostname(), c.localDomains(), c.smtp(), c.tls(), c.http(),
        c.spool(), c.delivery(), c.dns(), ConfigLoader.parse("mailboxes: {quota: 1GiB}\n", Path.of(".")).mailboxes(),
        c.pop3(), c.imap(), c.shutdownGrace());
    assertTrue(imapOptionsAfterStart(withDefault, false).quota(), "mailboxes.quota is set");
    assertTrue(imapOptionsAfterStart(c, true).quota(), "an account has a quota of its own");
    assertFalse(imapOptionsAfterStart(c, false).quota(), "no limit anywhere");
  }

  private static ImapServerOptions imapOptionsAfterStart(TernConfig config, boolean anyOwnQuota) throws Exception {
    FakeBackends backends = new FakeBackends();
    backends.anyOwnQuota = anyOwnQuota;
    TernServer server = new TernServer(backends);
    await(server.start(config));
    await(server.stop());
    return backends.imapOptions;
  }

  @Test
  void anImapServerThatCannotStartUndoesTheStart(@TempDir Path data) throws Exception {
    FakeBackends failing = new FakeBackends() {
      @Override
      public ProtocolService imapServer(io.vertx.core.Vertx vertx, ImapServerOptions options,
          dev.tern.access.AccountStore accounts, dev.tern.access.mailbox.MailboxStore mailboxes,
          io.micrometer.core.instrument.MeterRegistry meters) {
        ProtocolService real = super.imapServer(vertx, options, accounts, mailboxes, meters);
        return ProtocolService.of(() -> io.vertx.core.Future.failedFuture(new IOException("port 2143 is taken")),
            real::actualPort, real::shutdown);
      }
    };
    TernServer server = new TernServer(failing);
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(server.start(config(data))));
    assertEquals("port 2143 is taken", e.getCause().getMessage());
    assertFalse(server.running());
    Duration grace = Duration.ofSeconds(2);
    List<String> events = failing.events();
    assertFalse(events.contains("delivery started"), events.toString());
    assertTrue(events.containsAll(List.of("smtp shutdown " + grace, "pop3 shutdown " + grace, "accounts closed")),
        events.toString());
    DataDirLock.acquire(data).close();
  }

  @Test
  void theEmbeddedAccountsTellWhetherAnAccountHasAQuotaOfItsOwn(@TempDir Path data) throws Exception {
    Path accounts = data.resolve("accounts");
    TernBackends embedded = TernBackends.embedded();
    embedded.initializeAccounts(accounts, List.of("test.example"));
    FsAccounts admin = FsAccounts.open(accounts, CHEAP_HASHES);
    admin.addUser("alice@test.example", "alice-secret-1".toCharArray());
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      assertFalse(anyOwnQuota(embedded, vertx, accounts), "alice has no quota of her own");
      admin.setQuota("alice@test.example", OptionalLong.of(10L * 1024 * 1024));
      assertTrue(anyOwnQuota(embedded, vertx, accounts), "alice has 10 MiB");
    } finally {
      await(vertx.close());
    }
  }

  private static boolean anyOwnQuota(TernBackends backends, io.vertx.core.Vertx vertx, Path accounts) throws Exception {
    OpenAccounts opened = backends.openAccounts(vertx, accounts).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    try {
      return opened.anyOwnQuota();
    } finally {
      await(opened.close());
    }
  }

  @Test
  void aFailingBackendUndoesTheStartAndFreesTheLock(@TempDir Path data) throws Exception {
    FakeBackends failing = new FakeBackends() {
      @Override
      public io.vertx.core.Future<dev.tern.delivery.Spool> openSpool(io.vertx.core.Vertx vertx,
          dev.tern.delivery.fs.FsSpoolOptions options, io.micrometer.core.instrument.MeterRegistry meters) {
        return io.vertx.core.Future.failedFuture(new IOException("spool is corrupt"));
      }
    };
    TernServer server = new TernServer(failing);
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(server.start(config(data))));
    assertEquals("spool is corrupt", e.getCause().getMessage());
    assertFalse(server.running());
    assertTrue(failing.events().contains("accounts closed"));
    DataDirLock.acquire(data).close();
  }

  @Test
  void aDeliveryThatCannotStartUndoesTheStart(@TempDir Path data) throws Exception {
    FakeBackends failing = new FakeBackends() {
      @Override
      public DeliveryService delivery(io.vertx.core.Vertx vertx, dev.tern.access.AccountStore accounts,
          dev.tern.access.mailbox.MailboxStore mailboxes, DeliverySettings settings,
          io.micrometer.core.instrument.MeterRegistry meters) {
        DeliveryService real = super.delivery(vertx, accounts, mailboxes, settings, meters);
        return new dev.tern.ops.testing.ForwardingDelivery(real) {
          @Override
          public io.vertx.core.Future<Void> start() {
            return io.vertx.core.Future.failedFuture(new IllegalStateException("no delivery today"));
          }
        };
      }
    };
    TernServer server = new TernServer(failing);
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(server.start(config(data))));
    assertEquals("no delivery today", e.getCause().getMessage());
    assertFalse(server.running());
    List<String> events = failing.events();
    assertTrue(events.indexOf("delivery stopped " + Duration.ofSeconds(2)) > events.indexOf("smtp shutdown " + Duration.ofSeconds(2)),
        events.toString());
    assertTrue(failing.spool.closed(), "the spool closes after delivery stopped");
    DataDirLock.acquire(data).close();
  }

  @Test
  void aBadDnsServerInTheConfigStopsTheStartBeforeAnythingRuns(@TempDir Path data) throws Exception {
    TernConfig c = config(data);
    dev.tern.ops.config.DnsConfig bad = new dev.tern.ops.config.DnsConfig(List.of("resolver.example"),
        Duration.ofSeconds(1), true);
    TernConfig withBadDns = new TernConfig(c.dataDir(), c.hostname(), c.localDomains(), c.smtp(), c.tls(), c.http(),
        c.spool(), c.delivery(), bad, c.mailboxes(), c.pop3(), c.imap(), c.shutdownGrace());
    FakeBackends backends = new FakeBackends();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> await(new TernServer(backends).start(withBadDns)));
    assertTrue(e.getCause().getMessage().contains("dns.servers"), e.getCause().getMessage());
    assertEquals(List.of(), backends.events(), "nothing was opened");
    DataDirLock.acquire(data).close();
  }
}
