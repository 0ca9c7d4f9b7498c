package dev.tern.access.pop3.support;

import dev.tern.access.AccountStore;
import dev.tern.access.fs.FsAccountStore;
import dev.tern.access.fs.FsAccounts;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import dev.tern.access.password.Argon2idHasher;
import dev.tern.access.pop3.Pop3ListenerOptions;
import dev.tern.access.pop3.Pop3Server;
import dev.tern.access.pop3.Pop3ServerOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A started Pop3Server on 127.0.0.1 port 0 over a real FsMailboxStore and FsAccountStore in a temporary
 * directory, with alice@example.com (password "wonderland") and bob@example.com ("builder").
 */
public final class Pop3Fixture implements AutoCloseable {

  public static final String ALICE = "alice@example.com";
  public static final String ALICE_PASSWORD = "wonderland";
  public static final String BOB = "bob@example.com";
  public static final String BOB_PASSWORD = "builder";
  /** Cheap hashing so the tests stay fast; the parameters do not matter to POP3. */
  private static final Argon2idHasher CHEAP = new Argon2idHasher(1024, 1, 1);

  public final Vertx vertx;
  public final FsMailboxStore mailboxes;
  public final FsAccountStore fsAccounts;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final Pop3ServerOptions options;
  public final Pop3Server server;

  private Pop3Fixture(Vertx vertx, Path dir, Pop3ServerOptions options, UnaryOperator<AccountStore> accounts)
      throws IOException {
    this.vertx = vertx;
    Path accountDir = Files.createDirectories(dir.resolve("accounts"));
    FsAccounts.initialize(accountDir, List.of("example.com"));
    FsAccounts admin = FsAccounts.open(accountDir, CHEAP);
    admin.addUser(ALICE, ALICE_PASSWORD.toCharArray());
    admin.addUser(BOB, BOB_PASSWORD.toCharArray());
    this.fsAccounts = FsAccountStore.open(vertx, accountDir).await();
    this.mailboxes = new FsMailboxStore(vertx, dir.resolve("mail"), QuotaLimits.NONE);
    this.options = options;
    this.server = new Pop3Server(vertx, options, accounts.apply(fsAccounts), mailboxes, meters);
  }

  /** Options with one plaintext listener "pop3" on 127.0.0.1 port 0 and two event-loop instances. */
  public static Pop3ServerOptions options() {
    return new Pop3ServerOptions().hostname("pop.test").eventLoopInstances(2)
        .addListener(new Pop3ListenerOptions("pop3", List.of("127.0.0.1"), 0, false));
  }

  public static Pop3Fixture start(Vertx vertx, Path dir, Pop3ServerOptions options) throws IOException {
    return start(vertx, dir, options, UnaryOperator.identity());
  }

  /** @param accounts wraps the real account store (to add APOP secrets, say) */
  public static Pop3Fixture start(Vertx vertx, Path dir, Pop3ServerOptions options,
      UnaryOperator<AccountStore> accounts) throws IOException {
    Pop3Fixture fixture = new Pop3Fixture(vertx, dir, options, accounts);
    fixture.server.start().await();
    return fixture;
  }

  public int port() {
    return port("pop3");
  }

  public int port(String listener) {
    return server.actualPort(listener);
  }

  /** Connects to the "pop3" listener and reads the greeting. */
  public Pop3Client connect() throws IOException {
    Pop3Client client = new Pop3Client("127.0.0.1", port());
    client.ok();
    return client;
  }

  /** Connects as alice and logs in. */
  public Pop3Client loginAlice() throws IOException {
    Pop3Client client = connect();
    client.login(ALICE, ALICE_PASSWORD);
    return client;
  }

  /** Appends a message to an INBOX through the store; returns its UID. */
  public long deliver(String account, String text) {
    return deliver(account, text.getBytes(StandardCharsets.UTF_8));
  }

  public long deliver(String account, byte[] bytes) {
    return mailboxes.append(account, "INBOX", Set.of(), Instant.now(), Buffer.buffer(bytes)).await();
  }

  /** The UIDs in an INBOX right now. */
  public List<Long> uids(String account) {
    MailboxSnapshot snapshot = mailboxes.snapshot(account, "INBOX").await();
    return snapshot.messages().stream().map(MessageSummary::uid).toList();
  }

  public long uidValidity(String account) {
    return mailboxes.snapshot(account, "INBOX").await().status().uidValidity();
  }

  /** The sum of every counter of that name carrying these tags (and possibly others). */
  public double counter(String name, String... tags) {
    return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofMillis(200)).await();
    fsAccounts.close().await();
    mailboxes.close().await();
  }
}
