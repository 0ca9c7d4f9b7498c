package dev.tern.access.imap.support;

import dev.tern.access.fs.FsAccountStore;
import dev.tern.access.fs.FsAccounts;
import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.ImapServer;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import dev.tern.access.password.Argon2idHasher;
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

/**
 * A started ImapServer on 127.0.0.1 port 0 over a real FsMailboxStore and FsAccountStore in a temporary
 * directory, with alice@example.com (password "wonderland") and bob@example.com ("builder").
 */
public final class ImapFixture implements AutoCloseable {

  public static final String ALICE = "alice@example.com";
  public static final String ALICE_PASSWORD = "wonderland";
  public static final String BOB = "bob@example.com";
  public static final String BOB_PASSWORD = "builder";
  /** Cheap hashing so the tests stay fast; the parameters do not matter to IMAP. */
  private static final Argon2idHasher CHEAP = new Argon2idHasher(1024, 1, 1);

  public final Vertx vertx;
  public final FsMailboxStore mailboxes;
  public final FsAccountStore accounts;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final ImapServerOptions options;
  public final ImapServer server;

  private ImapFixture(Vertx vertx, Path dir, ImapServerOptions options, QuotaLimits quotas) throws IOException {
    this.vertx = vertx;
    Path accountDir = Files.createDirectories(dir.resolve("accounts"));
    FsAccounts.initialize(accountDir, List.of("example.com"));
    FsAccounts admin = FsAccounts.open(accountDir, CHEAP);
    admin.addUser(ALICE, ALICE_PASSWORD.toCharArray());
    admin.addUser(BOB, BOB_PASSWORD.toCharArray());
    this.accounts = FsAccountStore.open(vertx, accountDir).await();
    this.mailboxes = new FsMailboxStore(vertx, dir.resolve("mail"), quotas);
    this.options = options;
    this.server = new ImapServer(vertx, options, accounts, mailboxes, meters);
  }

  /** Options with one plaintext listener "imap" on 127.0.0.1 port 0 and two event-loop instances. */
  public static ImapServerOptions options() {
    return new ImapServerOptions().hostname("imap.test").eventLoopInstances(2)
        .idleNotifyInterval(Duration.ofMillis(20))
        .addListener(new ImapListenerOptions("imap", List.of("127.0.0.1"), 0, false));
  }

  public static ImapFixture start(Vertx vertx, Path dir, ImapServerOptions options) throws IOException {
    return start(vertx, dir, options, QuotaLimits.NONE);
  }

  public static ImapFixture start(Vertx vertx, Path dir, ImapServerOptions options, QuotaLimits quotas)
      throws IOException {
    ImapFixture fixture = new ImapFixture(vertx, dir, options, quotas);
    fixture.server.start().await();
    return fixture;
  }

  public int port() {
    return port("imap");
  }

  public int port(String listener) {
    return server.actualPort(listener);
  }

  /** Connects to the "imap" listener and reads the greeting. */
  public ImapClient connect() throws IOException {
    ImapClient client = new ImapClient("127.0.0.1", port());
    client.greeting();
    return client;
  }

  /** Connects and logs in as alice. */
  public ImapClient loginAlice() throws IOException {
    ImapClient client = connect();
    client.ok("LOGIN " + ALICE + " " + ALICE_PASSWORD);
    return client;
  }

  /** Appends a message to a mailbox through the store; returns its UID. */
  public long deliver(String account, String mailbox, String text) {
    return mailboxes.append(account, mailbox, Set.of(), Instant.now(),
        Buffer.buffer(text.getBytes(StandardCharsets.UTF_8))).await();
  }

  public long deliver(String account, String text) {
    return deliver(account, "INBOX", text);
  }

  public MailboxSnapshot snapshot(String account, String mailbox) {
    return mailboxes.snapshot(account, mailbox).await();
  }

  public List<Long> uids(String account, String mailbox) {
    return snapshot(account, mailbox).messages().stream().map(MessageSummary::uid).toList();
  }

  /** The sum of every counter of that name carrying these tags (and possibly others). */
  public double counter(String name, String... tags) {
    return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofMillis(200)).await();
    accounts.close().await();
    mailboxes.close().await();
  }
}
