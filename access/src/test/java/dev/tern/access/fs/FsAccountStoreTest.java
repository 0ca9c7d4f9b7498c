package dev.tern.access.fs;

import dev.tern.access.RecipientResolution;
import dev.tern.access.RecipientResolution.Kind;
import dev.tern.access.mailbox.QuotaExceededException;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@ExtendWith(VertxExtension.class)
class FsAccountStoreTest {

  private static final long WAIT_SECONDS = 30;

  @TempDir
  Path dir;
  FsAccounts accounts;
  FsAccountStore store;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    FsAccounts.initialize(dir, List.of("example.com"));
    accounts = FsAccounts.open(dir, FsAccountsTest.CHEAP);
    accounts.addUser("alice@example.com", "wonderland".toCharArray());
    store = await(FsAccountStore.open(vertx, dir));
  }

  @AfterEach
  void tearDown() {
    await(store.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + WAIT_SECONDS + " s", e);
    }
  }

  /** Polls until the store has seen a change; bounded, and asserts nothing about how long it took. */
  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + what);
      }
      Thread.sleep(50);
    }
  }

  private Optional<String> login(String user, String password) {
    return await(store.authenticate(user, password));
  }

  @Test
  void authenticatesAccountsAndNothingElse() {
    assertEquals(Optional.of("alice@example.com"), login("alice@example.com", "wonderland"));
    assertEquals(Optional.of("alice@example.com"), login("ALICE@Example.COM", "wonderland"));
    assertEquals(Optional.of("alice@example.com"), login("alice", "wonderland"), "bare name means the default domain");
    assertEquals(Optional.empty(), login("alice@example.com", "Wonderland"));
    assertEquals(Optional.empty(), login("nobody@example.com", "wonderland"));
    assertEquals(Optional.empty(), login("alice@example.com", ""));
    assertEquals(Optional.empty(), login("alice@example.com", null));
    assertEquals(Optional.empty(), login(null, "wonderland"));
    assertEquals(Optional.empty(), login("not an address", "wonderland"));
  }

  @Test
  void authenticationCompletesBackOnTheCallersEventLoop(Vertx vertx) throws Exception {
    Context caller = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();
    caller.runOnContext(v -> {
      assertTrue(Context.isOnEventLoopThread());
      store.authenticate("alice@example.com", "wonderland").onComplete(result ->
          sameContext.complete(result.succeeded() && result.result().isPresent() && Vertx.currentContext() == caller
              && Context.isOnEventLoopThread()));
    });
    assertTrue(await(sameContext.future()));
  }

  @Test
  void unusableStoredHashLocksOnlyThatAccount(Vertx vertx) throws Exception {
    accounts.addUser("bob@example.com", "builder".toCharArray());
    Files.writeString(dir.resolve("users"), Files.readString(dir.resolve("users"))
        .replaceAll("(?m)^(bob@example.com \\$argon2id\\$v=19\\$m=)\\d+", "$1x"));
    FsAccountStore fresh = await(FsAccountStore.open(vertx, dir));
    try {
      assertEquals(Optional.empty(), await(fresh.authenticate("bob@example.com", "builder")));
      assertEquals(Optional.of("alice@example.com"), await(fresh.authenticate("alice@example.com", "wonderland")));
      assertEquals(Kind.LOCAL, await(fresh.resolve("bob@example.com")).kind(), "mail still arrives");
    } finally {
      await(fresh.close());
    }
  }

  @Test
  void resolvesAndKnowsLocalDomains() throws Exception {
    accounts.addAlias("team@example.com", "alice@example.com");
    accounts.addAlias("team@example.com", "ext@remote.net");
    eventually("alias loaded", () -> await(store.resolve("team@example.com")).kind() == Kind.LOCAL);
    assertEquals(new RecipientResolution(Kind.LOCAL, List.of("alice@example.com"), List.of("ext@remote.net")),
        await(store.resolve("Team@EXAMPLE.com")));
    assertEquals(RecipientResolution.remote(), await(store.resolve("x@remote.net")));
    assertEquals(RecipientResolution.unknown(), await(store.resolve("x@example.com")));
    assertEquals(new RecipientResolution(Kind.LOCAL, List.of("alice@example.com"), List.of()),
        await(store.resolve("postmaster@example.com")));
    assertTrue(await(store.isLocalDomain("EXAMPLE.COM.")));
    assertFalse(await(store.isLocalDomain("remote.net")));
    assertFalse(await(store.isLocalDomain("bad domain")));
  }

  @Test
  void seesChangesMadeByTheAdminToolWhileRunning() throws Exception {
    long before = store.reloadCount();
    accounts.addUser("bob@example.com", "builder".toCharArray());
    eventually("new user can log in", () -> login("bob@example.com", "builder").isPresent());
    assertTrue(store.reloadCount() > before);

    accounts.setPassword("bob@example.com", "rebuilt".toCharArray());
    eventually("new password in force", () -> login("bob@example.com", "rebuilt").isPresent());
    assertEquals(Optional.empty(), login("bob@example.com", "builder"));

    accounts.deleteUser("bob@example.com");
    eventually("deleted user gone", () -> await(store.resolve("bob@example.com")).kind() == Kind.UNKNOWN);
    assertEquals(Optional.empty(), login("bob@example.com", "rebuilt"));

    accounts.addDomain("example.org");
    eventually("new domain local", () -> await(store.isLocalDomain("example.org")));
  }

  @Test
  void brokenFileKeepsThePreviousSnapshotUntilFixed() throws Exception {
    Files.writeString(dir.resolve("aliases"), "this is not an alias line\n");
    eventually("broken file noticed", () -> store.rejectedReloadCount() > 0);
    assertEquals(Optional.of("alice@example.com"), login("alice@example.com", "wonderland"));
    assertEquals(Kind.LOCAL, await(store.resolve("alice@example.com")).kind());

    Files.writeString(dir.resolve("aliases"), "fixed@example.com: alice@example.com\n");
    eventually("fixed file loaded", () -> await(store.resolve("fixed@example.com")).kind() == Kind.LOCAL);
  }

  private Optional<String> apop(String user) {
    return await(store.apopSecret(user)).map(s -> new String(s.secret(), StandardCharsets.UTF_8));
  }

  @Test
  void apopSecretsFollowTheLoginNameRulesAndReloads() throws Exception {
    assertEquals(Optional.empty(), apop("alice@example.com"), "no secret set");
    accounts.setApopSecret("alice@example.com", "tanstaaf ü".toCharArray());
    eventually("secret loaded", () -> apop("alice@example.com").isPresent());
    assertEquals(Optional.of("tanstaaf ü"), apop("alice@example.com"));
    assertEquals(Optional.of("tanstaaf ü"), apop("ALICE@Example.COM"));
    assertEquals(Optional.of("tanstaaf ü"), apop("alice"), "bare name means the default domain");
    assertEquals(Optional.of("tanstaaf ü"), apop("Alice"));
    assertEquals(Optional.empty(), apop("nobody@example.com"));
    assertEquals(Optional.empty(), apop("alice@example.org"));
    assertEquals(Optional.empty(), apop("not an address"));
    assertEquals(Optional.empty(), apop(""));
    assertEquals(Optional.empty(), apop(null));

    assertEquals("alice@example.com", await(store.apopSecret("Alice")).orElseThrow().account(),
        "the account a bare name logs into");
    byte[] copy = await(store.apopSecret("alice")).orElseThrow().secret();
    Arrays.fill(copy, (byte) 0);
    assertEquals(Optional.of("tanstaaf ü"), apop("alice"), "callers may zero their copy");

    accounts.setApopSecret("alice@example.com", "changed".toCharArray());
    eventually("new secret loaded", () -> apop("alice").equals(Optional.of("changed")));
    accounts.clearApopSecret("alice@example.com");
    eventually("secret removed", () -> apop("alice").isEmpty());
  }

  @Test
  void quotaLimitsArePerUserElseTheDefaultAndFollowReloads() throws Exception {
    accounts.addUser("bob@example.com", "builder".toCharArray());
    QuotaLimits withDefault = store.quotaLimits(OptionalLong.of(5_000));
    QuotaLimits unlimited = store.quotaLimits(OptionalLong.empty());
    assertEquals(OptionalLong.of(5_000), withDefault.storageLimit("alice@example.com"));
    assertEquals(OptionalLong.empty(), unlimited.storageLimit("alice@example.com"));

    accounts.setQuota("alice@example.com", OptionalLong.of(100));
    eventually("quota loaded", () -> withDefault.storageLimit("alice@example.com").equals(OptionalLong.of(100)));
    assertEquals(OptionalLong.of(100), unlimited.storageLimit("alice@example.com"));
    assertEquals(OptionalLong.of(100), withDefault.storageLimit("Alice@EXAMPLE.com"));
    assertEquals(OptionalLong.of(5_000), withDefault.storageLimit("bob@example.com"));
    assertEquals(OptionalLong.empty(), unlimited.storageLimit("bob@example.com"));
    assertEquals(OptionalLong.of(5_000), withDefault.storageLimit("nobody@example.com"));
    assertEquals(OptionalLong.of(5_000), withDefault.storageLimit("not an address"));

    accounts.setQuota("alice@example.com", OptionalLong.empty());
    eventually("quota removed", () -> withDefault.storageLimit("alice@example.com").equals(OptionalLong.of(5_000)));

    assertThrows(IllegalArgumentException.class, () -> store.quotaLimits(OptionalLong.of(0)));
  }

  @Test
  void theMailboxStoreEnforcesAPerUserQuota(Vertx vertx, @TempDir Path mail) throws Exception {
    accounts.addUser("bob@example.com", "builder".toCharArray());
    accounts.setQuota("alice@example.com", OptionalLong.of(100));
    QuotaLimits limits = store.quotaLimits(OptionalLong.of(1_000_000));
    eventually("quota loaded", () -> limits.storageLimit("alice@example.com").equals(OptionalLong.of(100)));
    FsMailboxStore mailboxes = new FsMailboxStore(vertx, mail, limits);
    try {
      Buffer big = Buffer.buffer("Subject: x\r\n\r\n" + "x".repeat(200) + "\r\n");
      Throwable refused = assertThrows(Exception.class,
          () -> await(mailboxes.append("alice@example.com", "INBOX", Set.of(), Instant.now(), big)));
      QuotaExceededException quota = assertInstanceOf(QuotaExceededException.class, refused);
      assertEquals(100, quota.limitBytes());
      assertTrue(await(mailboxes.append("bob@example.com", "INBOX", Set.of(), Instant.now(), big)) > 0,
          "bob has the default limit");
    } finally {
      await(mailboxes.close());
    }
  }

  @Test
  void warnsWhenTheUsersFileIsReadableByOthers(Vertx vertx) throws Exception {
    Logger logger = Logger.getLogger(FsAccountStore.class.getName());
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel() == Level.WARNING) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(capture);
    try {
      accounts.setApopSecret("alice@example.com", "secret".toCharArray());
      await(await(FsAccountStore.open(vertx, dir)).close());
      assertTrue(warnings.stream().noneMatch(w -> w.contains("accessible to others")), warnings.toString());

      Files.setPosixFilePermissions(dir.resolve("users"), PosixFilePermissions.fromString("rw-r--r--"));
      await(await(FsAccountStore.open(vertx, dir)).close());
      assertTrue(warnings.stream().anyMatch(w -> w.contains("users is accessible to others (mode rw-r--r--)")
          && w.contains("APOP secrets in clear") && !w.contains("secret\"")), warnings.toString());
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void openFailsOnAnUninitialisedDirectory(Vertx vertx, @TempDir Path empty) {
    Throwable failure = assertThrows(Exception.class, () -> await(FsAccountStore.open(vertx, empty)));
    assertInstanceOf(dev.tern.access.AccountException.class, failure);
  }

  @Test
  void closedStoreRefusesLogins() {
    await(store.close());
    Throwable failure = assertThrows(IllegalStateException.class, () -> login("alice@example.com", "wonderland"));
    assertTrue(failure.getMessage().contains("closed"));
  }
}
