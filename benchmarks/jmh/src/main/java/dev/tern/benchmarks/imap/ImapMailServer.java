package dev.tern.benchmarks.imap;

import dev.tern.access.fs.FsAccountStore;
import dev.tern.access.fs.FsAccounts;
import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.ImapServer;
import dev.tern.access.imap.ImapServerOptions;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.fs.FsMailboxStore;
import dev.tern.access.password.Argon2idHasher;
import dev.tern.benchmarks.BenchmarkLogging;
import dev.tern.benchmarks.ScratchDirectory;
import dev.tern.benchmarks.VertxCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server side of the IMAP benchmarks, once per trial: an {@link ImapServer} on 127.0.0.1 (ephemeral port,
 * plaintext, the default event-loop count) over the real file-system stores of {@code access} in a scratch
 * directory on disk, with one account whose INBOX holds {@code messages} realistic messages of about
 * {@code messageBytes}, written as Maildir files and adopted by the store at a first SELECT made here, so no
 * session of the measurement pays for the indexing.
 */
@State(Scope.Benchmark)
public class ImapMailServer {

  public static final String ACCOUNT = "bench@bench.example";
  public static final String PASSWORD = "bench password";
  static final String LISTENER = "imap";
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Cheap Argon2id parameters: logins happen in set-up only, and what they cost is not measured. */
  private static final Argon2idHasher CHEAP_HASHING = new Argon2idHasher(1024, 1, 1);

  @Param({"2000"})
  public int messages;

  @Param({"4096"})
  public int messageBytes;

  Vertx vertx;
  FsAccountStore accounts;
  FsMailboxStore mailboxes;
  ImapServer server;
  Path directory;
  int port;

  @Setup(Level.Trial)
  public void start() throws Exception {
    BenchmarkLogging.quiet();
    directory = ScratchDirectory.create("imap");
    try {
      vertx = Vertx.vertx();
      Path accountDirectory = Files.createDirectories(directory.resolve("accounts"));
      FsAccounts.initialize(accountDirectory, List.of("bench.example"));
      FsAccounts.open(accountDirectory, CHEAP_HASHING).addUser(ACCOUNT, PASSWORD.toCharArray());
      accounts = VertxCalls.await(FsAccountStore.open(vertx, accountDirectory), TIMEOUT);
      Path mailRoot = directory.resolve("mail");
      mailboxes = new FsMailboxStore(vertx, mailRoot, QuotaLimits.NONE);
      // The store creates the account's Maildir (special-use folders, subscriptions) on first use.
      VertxCalls.await(mailboxes.status(ACCOUNT, "INBOX"), TIMEOUT);
      MaildirPreload.fill(mailRoot.resolve("bench.example").resolve("bench"), messages, messageBytes, 42);
      server = new ImapServer(vertx, new ImapServerOptions().hostname("imap.bench.example")
          .addListener(new ImapListenerOptions(LISTENER, List.of("127.0.0.1"), 0, false)),
          accounts, mailboxes, new SimpleMeterRegistry());
      VertxCalls.await(server.start(), TIMEOUT);
      port = server.actualPort(LISTENER);
      try (FetchSession first = FetchSession.open(this)) {
        first.fetchEnvelopes();
      }
    } catch (Exception | Error e) {
      // JMH skips tear-down when set-up fails: clean up here so nothing is left on disk.
      try {
        stop();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Idempotent: a failed session set-up may call it before JMH's tear-down does (or instead of it). */
  @TearDown(Level.Trial)
  public synchronized void stop() throws Exception {
    try {
      if (server != null) {
        VertxCalls.await(server.shutdown(Duration.ofSeconds(1)), TIMEOUT);
      }
      if (accounts != null) {
        VertxCalls.await(accounts.close(), TIMEOUT);
      }
      if (mailboxes != null) {
        VertxCalls.await(mailboxes.close(), TIMEOUT);
      }
    } finally {
      server = null;
      accounts = null;
      mailboxes = null;
      try {
        if (vertx != null) {
          VertxCalls.await(vertx.close(), TIMEOUT);
        }
      } finally {
        vertx = null;
        ScratchDirectory.deleteRecursively(directory);
      }
    }
  }

  public int port() {
    return port;
  }
}
