package dev.tern.ops.cli;

import dev.tern.delivery.QueueEntry.Status;
import dev.tern.ops.http.OpsHttpServer;
import dev.tern.ops.server.AdminToken;
import dev.tern.ops.server.DataDirLock;
import dev.tern.ops.testing.Entries;
import dev.tern.ops.testing.FakeBackends;
import dev.tern.ops.testing.FakeDelivery;
import dev.tern.ops.testing.InMemoryAccounts;
import dev.tern.ops.testing.InMemorySpool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TernCommandTest {

  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    CliEnvironment env = new CliEnvironment(() -> in, () -> null, new PrintWriter(out), new PrintWriter(err),
        accounts.admin(), FakeBackends::new, HttpClient::newHttpClient, false);
    return TernCommand.run(args, env);
  }

  @Test
  void loadIsASubcommandGroupWithItsOwnUsageErrors() {
    assertEquals(2, run("", "load"));
    assertTrue(err.toString().contains("missing subcommand: smtp"), err.toString());
    assertEquals(0, run("", "load", "smtp", "--help"));
    assertTrue(out.toString().contains("--pipelining"), out.toString());
    assertEquals(2, run("", "load", "smtp", "--target", "127.0.0.1:25", "--size", "tiny"));
    assertTrue(err.toString().startsWith("tern: Invalid value for option '--size'"), err.toString());
  }

  @Test
  void passwordsAreNeverTakenFromTheCommandLine(@TempDir Path data) {
    assertEquals(2, run("", "user", "add", "a@x.example", "--password", "secret", "--data", data.toString()));
    assertTrue(err.toString().contains("--password"), err.toString());
    assertEquals(2, run("", "user", "passwd", "a@x.example", "-p", "secret", "--data", data.toString()));
    assertTrue(accounts.passwords.isEmpty());
  }

  @Test
  void passwordFromStdinIsOneLine(@TempDir Path data) {
    assertEquals(0, run("s3cret pass\r\nnext line\n", "user", "add", "alice@x.example", "--password-stdin", "--data", data.toString()));
    assertEquals(Map.of("alice@x.example", "s3cret pass"), accounts.passwords);
    assertEquals("added user alice@x.example\n", out.toString());
    assertEquals(List.of(data.resolve("accounts")), accounts.initialized);

    assertEquals(0, run("changed", "user", "passwd", "alice@x.example", "--password-stdin", "--data", data.toString()));
    assertEquals("changed", accounts.passwords.get("alice@x.example"));
  }

  @Test
  void missingPasswordsAreUserErrors(@TempDir Path data) {
    assertEquals(1, run("", "user", "add", "a@x.example", "--password-stdin", "--data", data.toString()));
    assertEquals("tern: no password on stdin (expected one line)\n", err.toString());
    assertEquals(1, run("", "user", "add", "a@x.example", "--data", data.toString()));
    assertEquals("tern: no terminal to ask for the password; pipe it in with --password-stdin\n", err.toString());
    assertTrue(accounts.passwords.isEmpty());
  }

  @Test
  void backendRefusalsAreOneLineUserErrors(@TempDir Path data) {
    assertEquals(0, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", data.toString()));
    assertEquals(1, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", data.toString()));
    assertEquals("tern: user a@x.example already exists\n", err.toString());
    assertEquals(1, run("", "user", "del", "nobody@x.example", "--data", data.toString()));
    assertEquals("tern: no user nobody@x.example\n", err.toString());
  }

  @Test
  void usersDomainsAndAliases(@TempDir Path data) {
    String d = data.toString();
    assertEquals(1, run("", "user", "list", "--data", d));
    assertTrue(err.toString().startsWith("tern: no accounts in " + data.resolve("accounts")), err.toString());

    assertEquals(0, run("pw", "user", "add", "b@x.example", "--password-stdin", "--data", d));
    assertEquals(0, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", d));
    assertEquals(0, run("", "user", "list", "--data", d));
    assertEquals("a@x.example\nb@x.example\n", out.toString());
    assertEquals(0, run("", "user", "del", "b@x.example", "--data", d));
    assertEquals(0, run("", "user", "list", "--data", d));
    assertEquals("a@x.example\n", out.toString());

    assertEquals(0, run("", "domain", "list", "--data", d));
    assertEquals("localhost\n", out.toString());
    assertEquals(0, run("", "domain", "add", "x.example", "--data", d));
    assertEquals(0, run("", "domain", "del", "localhost", "--data", d));
    assertEquals(0, run("", "domain", "list", "--data", d));
    assertEquals("x.example\n", out.toString());

    assertEquals(0, run("", "alias", "add", "postmaster@x.example", "a@x.example", "--data", d));
    assertEquals(0, run("", "alias", "add", "postmaster@x.example", "ops@elsewhere.example", "--data", d));
    assertEquals(0, run("", "alias", "list", "--data", d));
    assertEquals("postmaster@x.example -> a@x.example, ops@elsewhere.example\n", out.toString());
    assertEquals(0, run("", "alias", "del", "postmaster@x.example", "a@x.example", "--data", d));
    assertEquals(List.of("ops@elsewhere.example"), accounts.aliases.get("postmaster@x.example"));
    assertEquals(0, run("", "alias", "del", "postmaster@x.example", "--data", d));
    assertTrue(accounts.aliases.isEmpty());
  }

  @Test
  void configDomainsSeedTheAccountsAndBadConfigsAreUserErrors(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("tern.yaml");
    Files.writeString(config, "dataDir: data\nlocalDomains: [seeded.example]\n");
    assertEquals(0, run("", "domain", "add", "more.example", "--config", config.toString()));
    assertEquals(List.of(dir.resolve("data/accounts")), accounts.initialized);
    assertEquals(List.of("more.example", "seeded.example"), accounts.listDomains());

    Files.writeString(config, "smtp:\n  lisenters: {}\n");
    assertEquals(1, run("", "user", "list", "--config", config.toString()));
    assertTrue(err.toString().startsWith("tern: " + config + ": unknown key smtp.lisenters"), err.toString());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run(""));
    assertEquals(2, run("", "user"));
    assertEquals(2, run("", "frobnicate"));
    assertEquals(2, run("", "alias", "add", "only-one"));
    assertEquals(2, run("", "queue", "list", "--limit", "many"));
    assertEquals(0, run("", "--help"));
    assertTrue(out.toString().contains("serve"));
  }

  @Test
  void serveOnALockedDataDirectoryFailsAtOnce(@TempDir Path data) throws Exception {
    try (DataDirLock held = DataDirLock.acquire(data)) {
      assertEquals(1, run("", "serve", "--data", data.toString()));
      assertEquals("tern: data directory " + data.toAbsolutePath() + " is in use by another tern process (pid "
          + ProcessHandle.current().pid() + ")\n", err.toString());
    }
  }

  @Test
  void queueCommandsTalkToTheAdminApi(@TempDir Path data) throws Exception {
    AdminToken token = AdminToken.loadOrCreate(data);
    InMemorySpool spool = new InMemorySpool();
    Instant received = Instant.now().minusSeconds(125);
    spool.put(Entries.entry("00AB", "alice@example.org", received, Status.QUEUED, Status.DEFERRED));
    spool.put(Entries.entry("00AC", "", received, Status.DEFERRED));
    Vertx vertx = Vertx.vertx();
    try {
      OpsHttpServer http = new OpsHttpServer(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), spool,
          new FakeDelivery(spool, e -> { }), () -> true, token);
      int port = http.listen("127.0.0.1", 0).await();
      Path config = data.resolve("tern.yaml");
      Files.writeString(config, "http: {bind: 0.0.0.0, port: " + port + "}\n");
      String[] common = {"--data", data.toString(), "--config", config.toString()};

      assertEquals(0, run("", concat(new String[] {"queue", "count"}, common)));
      assertEquals("2\n", out.toString());

      assertEquals(0, run("", concat(new String[] {"queue", "list"}, common)));
      String[] lines = out.toString().split("\n");
      assertEquals(2, lines.length, out.toString());
      assertTrue(lines[0].matches("00AB  2m0[5-9]s  2\\.0K  <alice@example\\.org>  rcpt0@example\\.net \\(QUEUED\\), rcpt1@example\\.net \\(DEFERRED\\)"), lines[0]);
      assertTrue(lines[1].startsWith("00AC  ") && lines[1].contains("<>"), lines[1]);

      assertEquals(0, run("", concat(new String[] {"queue", "list", "--limit", "1"}, common)));
      assertEquals(1, out.toString().split("\n").length);

      assertEquals(0, run("", concat(new String[] {"queue", "show", "00AB"}, common)));
      String block = out.toString();
      assertTrue(block.startsWith("id:            00AB\n"), block);
      assertTrue(block.contains("sender:        <alice@example.org>\n"), block);
      assertTrue(block.contains("  rcpt1@example.net  DEFERRED  attempts 2  next "), block);
      assertTrue(block.contains("last: 451 4.7.1 try later"), block);

      assertEquals(1, run("", concat(new String[] {"queue", "show", "nope"}, common)));
      assertEquals("tern: no message nope in the queue\n", err.toString());

      Files.writeString(data.resolve("admin.token"), "f".repeat(64) + "\n");
      assertEquals(1, run("", concat(new String[] {"queue", "count"}, common)));
      assertTrue(err.toString().startsWith("tern: the server at http://127.0.0.1:" + port + " rejected the admin token"), err.toString());
      http.close().await();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void queueActionsAndListFilters(@TempDir Path data) throws Exception {
    AdminToken token = AdminToken.loadOrCreate(data);
    InMemorySpool spool = new InMemorySpool();
    Instant received = Instant.now().minusSeconds(60);
    spool.put(Entries.entry("00A1", "alice@example.org", received, Status.QUEUED, Status.DEFERRED));
    spool.put(Entries.entry("00A2", "bob@example.org", received, Status.QUEUED));
    spool.put(Entries.entry("00A3", "carol@example.org", received, Status.DELIVERED));
    List<String> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      OpsHttpServer http = new OpsHttpServer(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), spool,
          new FakeDelivery(spool, actions::add), () -> true, token);
      int port = http.listen("127.0.0.1", 0).await();
      Path config = data.resolve("tern.yaml");
      Files.writeString(config, "http: {port: " + port + "}\n");
      String[] common = {"--data", data.toString(), "--config", config.toString()};

      assertEquals(0, run("", concat(new String[] {"queue", "list", "--state", "deferred"}, common)));
      assertEquals(1, out.toString().split("\n").length, out.toString());
      assertTrue(out.toString().startsWith("00A1  "), out.toString());
      assertEquals(0, run("", concat(new String[] {"queue", "list", "--state", "QUEUED", "--domain", "example.net"}, common)));
      assertEquals(2, out.toString().split("\n").length, out.toString());
      assertEquals(0, run("", concat(new String[] {"queue", "list", "--domain", "elsewhere.example"}, common)));
      assertEquals("", out.toString());

      assertEquals(0, run("", concat(new String[] {"queue", "flush"}, common)));
      assertEquals("flushed: 3 recipients due now\n", out.toString());
      assertEquals(0, run("", concat(new String[] {"queue", "retry", "00A2"}, common)));
      assertEquals("00A2: 1 recipient due now\n", out.toString());
      assertEquals(0, run("", concat(new String[] {"queue", "bounce", "00A1"}, common)));
      assertEquals("00A1: bounced, 2 recipients failed\n", out.toString());
      assertEquals(0, run("", concat(new String[] {"queue", "delete", "00A2"}, common)));
      assertEquals("00A2: deleted, 1 recipient failed without a report\n", out.toString());
      assertEquals(List.of("flush 3", "retry 00A2 1", "bounce 00A1 2", "delete 00A2 1"), actions);

      assertEquals(1, run("", concat(new String[] {"queue", "retry", "0FFF"}, common)));
      assertEquals("tern: no message 0FFF in the queue\n", err.toString());
      assertEquals(1, run("", concat(new String[] {"queue", "delete", "00A3"}, common)));
      assertEquals("tern: message 00A3 is already final (delivered or failed)\n", err.toString());
      assertEquals(1, run("", concat(new String[] {"queue", "bounce", "not-an-id"}, common)));
      assertEquals("tern: not a queue id: \"not-an-id\"\n", err.toString());
      assertEquals(1, run("", concat(new String[] {"queue", "list", "--domain", "a b"}, common)));
      assertTrue(err.toString().startsWith("tern: domain must be a domain name"), err.toString());
      assertEquals(4, actions.size(), "refused actions changed nothing");
      http.close().await();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void queueActionUsageErrorsExitTwo() {
    assertEquals(2, run("", "queue", "retry"));
    assertEquals(2, run("", "queue", "delete"));
    assertEquals(2, run("", "queue", "bounce", "a", "b"));
    assertEquals(2, run("", "queue", "flush", "extra"));
    assertEquals(2, run("", "queue", "list", "--state", "delivered"));
    assertTrue(err.toString().contains("--state"), err.toString());
  }

  @Test
  void queueCommandsExplainAMissingServerOrToken(@TempDir Path data) throws Exception {
    assertEquals(1, run("", "queue", "count", "--data", data.toString()));
    assertTrue(err.toString().startsWith("tern: " + data.resolve("admin.token") + ": no admin token"), err.toString());

    AdminToken.loadOrCreate(data);
    int freePort;
    try (ServerSocket s = new ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    Path config = data.resolve("tern.yaml");
    Files.writeString(config, "http: {port: " + freePort + "}\n");
    assertEquals(1, run("", "queue", "list", "--data", data.toString(), "--config", config.toString()));
    assertEquals("tern: cannot reach the tern server at http://127.0.0.1:" + freePort
        + " (is tern serve running with this config?)\n", err.toString());
    assertFalse(out.toString().contains("00"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
