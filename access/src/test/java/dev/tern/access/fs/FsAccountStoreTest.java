package dev.tern.access.fs;

import dev.tern.access.RecipientResolution;
import dev.tern.access.RecipientResolution.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

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
