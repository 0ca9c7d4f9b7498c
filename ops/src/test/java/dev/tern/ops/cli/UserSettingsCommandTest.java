package dev.tern.ops.cli;

import dev.tern.access.AccountAdmin;
import dev.tern.access.fs.FsAccountStore;
import dev.tern.access.fs.FsAccounts;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.password.Argon2idHasher;
import dev.tern.ops.testing.FakeBackends;
import dev.tern.ops.testing.InMemoryAccounts;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** tern user quota, tern user apop and tern user list --long. */
class UserSettingsCommandTest {

  private static final Argon2idHasher CHEAP = new Argon2idHasher(1024, 1, 1);

  private final InMemoryAccounts memory = new InMemoryAccounts();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** The real account files, with a cheap hash so the test stays fast. */
  private static final AccountFiles ON_DISK = new AccountFiles() {
    @Override
    public void initialize(Path accountsDirectory, List<String> initialDomains) throws java.io.IOException {
      FsAccounts.initialize(accountsDirectory, initialDomains);
    }

    @Override
    public AccountAdmin open(Path accountsDirectory) throws java.io.IOException {
      return FsAccounts.open(accountsDirectory, CHEAP);
    }
  };

  private int run(AccountFiles accounts, String stdin, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    CliEnvironment env = new CliEnvironment(() -> in, () -> null, new PrintWriter(out), new PrintWriter(err),
        accounts, FakeBackends::new, HttpClient::newHttpClient, false);
    return TernCommand.run(args, env);
  }

  private int run(String stdin, String... args) {
    return run(memory.admin(), stdin, args);
  }

  @Test
  void quotaSetsBytesFromSizesAndNoneRemovesIt(@TempDir Path data) {
    String d = data.toString();
    assertEquals(0, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", d));
    assertEquals(0, run("", "user", "quota", "a@x.example", "10M", "--data", d));
    assertEquals("quota of a@x.example: 10M (10485760 bytes)\n", out.toString());
    assertEquals(Map.of("a@x.example", 10_485_760L), memory.quotas);
    assertEquals(0, run("", "user", "quota", "a@x.example", "512k", "--data", d));
    assertEquals(524_288L, memory.quotas.get("a@x.example"));
    assertEquals(0, run("", "user", "quota", "a@x.example", "1500", "--data", d));
    assertEquals("quota of a@x.example: 1500 (1500 bytes)\n", out.toString());
    assertEquals(0, run("", "user", "quota", "a@x.example", "NONE", "--data", d));
    assertEquals("removed the quota of a@x.example (the server's default applies)\n", out.toString());
    assertTrue(memory.quotas.isEmpty());
  }

  @Test
  void quotaBadInput(@TempDir Path data) {
    String d = data.toString();
    assertEquals(0, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", d));
    assertEquals(1, run("", "user", "quota", "a@x.example", "12Q", "--data", d));
    assertEquals("tern: invalid size \"12Q\": give bytes, or a whole number with K, M or G (e.g. 512K, 10M, 2G)\n",
        err.toString());
    assertEquals(1, run("", "user", "quota", "a@x.example", "0", "--data", d));
    assertEquals("tern: size must be more than 0 bytes: 0\n", err.toString());
    assertEquals(1, run("", "user", "quota", "a@x.example", "-5", "--data", d));
    assertTrue(err.toString().startsWith("tern: invalid size \"-5\""), err.toString());
    assertEquals(1, run("", "user", "quota", "nobody@x.example", "1M", "--data", d));
    assertEquals("tern: no user nobody@x.example\n", err.toString());
    assertEquals(2, run("", "user", "quota", "a@x.example", "--data", d));
    assertEquals(2, run("", "user", "quota", "a@x.example", "1M", "2M", "--data", d));
    assertTrue(memory.quotas.isEmpty(), "nothing refused was stored");
  }

  @Test
  void apopSecretFromStdinAndClear(@TempDir Path data) {
    String d = data.toString();
    assertEquals(0, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", d));
    assertEquals(0, run("tanstaaf\r\nnext line\n", "user", "apop", "a@x.example", "--secret-stdin", "--data", d));
    assertEquals("set the APOP secret of a@x.example\n", out.toString());
    assertFalse(out.toString().contains("tanstaaf") || err.toString().contains("tanstaaf"));
    assertEquals(Map.of("a@x.example", "tanstaaf"), memory.apopSecrets);
    assertEquals(0, run("", "user", "apop", "a@x.example", "--clear", "--data", d));
    assertEquals("removed the APOP secret of a@x.example\n", out.toString());
    assertTrue(memory.apopSecrets.isEmpty());
  }

  @Test
  void apopBadInput(@TempDir Path data) {
    String d = data.toString();
    assertEquals(0, run("pw", "user", "add", "a@x.example", "--password-stdin", "--data", d));
    assertEquals(1, run("", "user", "apop", "a@x.example", "--secret-stdin", "--data", d));
    assertEquals("tern: no APOP secret on stdin (expected one line)\n", err.toString());
    assertEquals(1, run("", "user", "apop", "a@x.example", "--data", d));
    assertEquals("tern: no terminal to ask for the APOP secret; pipe it in with --secret-stdin\n", err.toString());
    assertEquals(1, run("s", "user", "apop", "nobody@x.example", "--secret-stdin", "--data", d));
    assertEquals("tern: no user nobody@x.example\n", err.toString());
    assertEquals(2, run("s", "user", "apop", "a@x.example", "--secret", "s", "--data", d));
    assertTrue(err.toString().contains("--secret"), "a secret is never taken from the command line: " + err);
    assertEquals(2, run("s", "user", "apop", "a@x.example", "--secret-stdin", "--clear", "--data", d));
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
    assertEquals(2, run("s", "user", "apop", "--secret-stdin", "--data", d));
    assertTrue(memory.apopSecrets.isEmpty(), "nothing refused was stored");
  }

  @Test
  void listLongShowsQuotaAndApopButNeverTheSecret(@TempDir Path data) {
    String d = data.toString();
    assertEquals(0, run("pw", "user", "add", "bob@x.example", "--password-stdin", "--data", d));
    assertEquals(0, run("pw", "user", "add", "alice@x.example", "--password-stdin", "--data", d));
    assertEquals(0, run("", "user", "quota", "alice@x.example", "2G", "--data", d));
    assertEquals(0, run("open sesame", "user", "apop", "bob@x.example", "--secret-stdin", "--data", d));

    assertEquals(0, run("", "user", "list", "--data", d));
    assertEquals("alice@x.example\nbob@x.example\n", out.toString(), "the plain listing is unchanged");
    assertEquals(0, run("", "user", "list", "-l", "--data", d));
    assertEquals("alice@x.example  quota=2G       apop=no\n"
        + "bob@x.example    quota=default  apop=yes\n", out.toString());
    assertEquals(0, run("", "user", "list", "--long", "--data", d));
    assertFalse(out.toString().contains("sesame"));
  }

  @Test
  void onDiskTheRunningServerSeesWhatTheCliChanged(@TempDir Path data) throws Exception {
    String d = data.toString();
    Path accounts = data.resolve("accounts");
    assertEquals(0, run(ON_DISK, "pw", "user", "add", "alice@localhost", "--password-stdin", "--data", d));
    assertEquals(0, run(ON_DISK, "pw", "user", "add", "bob@localhost", "--password-stdin", "--data", d));
    Vertx vertx = Vertx.vertx();
    try {
      FsAccountStore store = FsAccountStore.open(vertx, accounts).await(30, TimeUnit.SECONDS);
      QuotaLimits limits = store.quotaLimits(OptionalLong.of(1_000_000));
      assertEquals(Optional.empty(), store.apopSecret("alice").await(30, TimeUnit.SECONDS));
      assertEquals(OptionalLong.of(1_000_000), limits.storageLimit("alice@localhost"));

      assertEquals(0, run(ON_DISK, "tanstaaf", "user", "apop", "Alice@localhost", "--secret-stdin", "--data", d));
      assertEquals(0, run(ON_DISK, "", "user", "quota", "alice@localhost", "5M", "--data", d));
      eventually("secret loaded", () -> apop(store, "alice").equals(Optional.of("tanstaaf")));
      eventually("quota loaded", () -> limits.storageLimit("alice@localhost").equals(OptionalLong.of(5L << 20)));
      assertEquals(OptionalLong.of(1_000_000), limits.storageLimit("bob@localhost"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(accounts.resolve("users"))));
      assertFalse(Files.readString(accounts.resolve("users")).contains("tanstaaf"), "base64, not the bare text");

      assertEquals(0, run(ON_DISK, "", "user", "list", "-l", "--data", d));
      assertEquals("alice@localhost  quota=5M       apop=yes\nbob@localhost    quota=default  apop=no\n", out.toString());

      assertEquals(1, run(ON_DISK, "", "user", "quota", "carol@localhost", "12Q", "--data", d));
      assertTrue(err.toString().startsWith("tern: invalid size \"12Q\""), err.toString());
      assertEquals(1, run(ON_DISK, "", "user", "quota", "carol@localhost", "1M", "--data", d));
      assertEquals("tern: no such user: carol@localhost\n", err.toString());
      assertEquals(1, run(ON_DISK, "s", "user", "apop", "carol@localhost", "--secret-stdin", "--data", d));
      assertEquals("tern: no such user: carol@localhost\n", err.toString());
      assertEquals(1, run(ON_DISK, "", "user", "apop", "bob@localhost", "--clear", "--data", d));
      assertEquals("tern: no APOP secret set for bob@localhost\n", err.toString());
      assertEquals(1, run(ON_DISK, "", "user", "quota", "alice@localhost", "1M", "--data", data.resolve("typo").toString()));
      assertTrue(err.toString().startsWith("tern: no accounts in "), err.toString());

      assertEquals(0, run(ON_DISK, "", "user", "apop", "alice@localhost", "--clear", "--data", d));
      assertEquals(0, run(ON_DISK, "", "user", "quota", "alice@localhost", "none", "--data", d));
      eventually("secret removed", () -> apop(store, "alice").isEmpty());
      eventually("quota removed", () -> limits.storageLimit("alice@localhost").equals(OptionalLong.of(1_000_000)));
      store.close().await(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static Optional<String> apop(FsAccountStore store, String user) {
    try {
      return store.apopSecret(user).await(30, TimeUnit.SECONDS)
          .map(s -> new String(s.secret(), StandardCharsets.UTF_8));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + what);
      }
      Thread.sleep(50);
    }
  }
}
