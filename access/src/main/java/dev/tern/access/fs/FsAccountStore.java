package dev.tern.access.fs;

import dev.tern.access.ApopSecret;
import dev.tern.access.AccountStore;
import dev.tern.access.RecipientResolution;
import dev.tern.access.address.MailAddress;
import dev.tern.access.internal.AccountSnapshot;
import dev.tern.access.internal.RecipientResolver;
import dev.tern.access.internal.UserSettings;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.password.Argon2idHasher;
import dev.tern.access.password.InvalidPasswordHashException;
import dev.tern.access.password.PhcHash;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's view of the account files. Answers from an immutable in-memory snapshot that any event
 * loop may read; a periodic poll (one stat per file per second, on a worker) reloads the snapshot when
 * a file changes, so {@code tern user add} takes effect without a restart. A file that fails to parse
 * is reported once and the previous snapshot stays in force.
 *
 * <p>Login names: the full address (domain case-insensitive, local part folded to lower case like
 * every address here), or a bare local part, which means that name in the default (first) domain.
 * Password checks run Argon2id on a small dedicated worker pool, never on an event loop; an unknown
 * user, or one whose stored hash is unusable, is checked against a dummy hash of the same cost so the
 * answer takes as long as for a wrong password.
 *
 * <p>Per-account settings from the users file come from the same snapshot: the APOP secret
 * ({@link #apopSecret}) and the storage limit ({@link #quotaLimits}, for the mailbox store).
 */
public final class FsAccountStore implements AccountStore {

  private static final System.Logger LOG = System.getLogger(FsAccountStore.class.getName());
  private static final long POLL_MILLIS = 1000;
  /** Argon2 at 19 MiB per call: bounding parallel checks bounds memory and leaves CPU to the mail. */
  private static final int ARGON2_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final Path directory;
  private final Context context;
  private final WorkerExecutor argon2;
  private final PhcHash dummy;
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile State state;
  private volatile boolean closed;
  private volatile List<FileStamp> rejectedStamps = List.of();
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong rejectedReloads = new AtomicLong();
  private final long timerId;

  private record State(List<FileStamp> stamps, AccountSnapshot snapshot, RecipientResolver resolver,
                       Map<String, PhcHash> hashes) {
  }

  private record Opened(State state, PhcHash dummy) {
  }

  private FsAccountStore(Vertx vertx, Context context, Path directory, State initial, PhcHash dummy) {
    this.directory = directory;
    this.context = context;
    this.state = initial;
    this.dummy = dummy;
    this.argon2 = vertx.createSharedWorkerExecutor("tern-argon2", ARGON2_THREADS);
    this.timerId = vertx.setPeriodic(POLL_MILLIS, POLL_MILLIS, id -> context.runOnContext(v -> poll()));
  }

  /** Loads the accounts directory (which must be initialised) and starts watching it. */
  public static Future<FsAccountStore> open(Vertx vertx, Path accountsDirectory) {
    Context context = vertx.getOrCreateContext();
    return context.executeBlocking(() -> new Opened(load(accountsDirectory), dummyHash()))
        .map(opened -> new FsAccountStore(vertx, context, accountsDirectory, opened.state(), opened.dummy()));
  }

  /** Stops watching and releases the hashing pool. Calls made afterwards fail. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    context.owner().cancelTimer(timerId);
    return argon2.close();
  }

  @Override
  public Future<Optional<String>> authenticate(String username, String password) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("account store is closed"));
    }
    if (password == null || password.isEmpty()) {
      return Future.succeededFuture(Optional.empty()); // refused before any lookup: reveals nothing
    }
    State current = state;
    String account = loginAddress(current.snapshot(), username);
    PhcHash stored = account == null ? null : current.hashes().get(account);
    PhcHash checked = stored != null ? stored : dummy;
    char[] secret = password.toCharArray();
    return argon2.executeBlocking(() -> {
      try {
        boolean match = Argon2idHasher.verify(secret, checked);
        return match && stored != null ? Optional.of(account) : Optional.<String>empty();
      } finally {
        Arrays.fill(secret, '\0');
      }
    }, false);
  }

  @Override
  public Future<Boolean> isLocalDomain(String domain) {
    return Future.succeededFuture(state.snapshot().isLocalDomain(domain));
  }

  @Override
  public Future<RecipientResolution> resolve(String address) {
    return Future.succeededFuture(state.resolver().resolve(address));
  }

  /**
   * The APOP secret of a login name, read the way {@link #authenticate} reads it (a bare local part means the
   * default domain, the local part is folded to lower case). Each answer is a fresh copy the caller may zero.
   */
  @Override
  public Future<Optional<ApopSecret>> apopSecret(String username) {
    AccountSnapshot snapshot = state.snapshot();
    String account = loginAddress(snapshot, username);
    return Future.succeededFuture(account == null ? Optional.empty()
        : snapshot.settings(account).apopSecret().map(secret -> new ApopSecret(account, secret)));
  }

  /**
   * Storage limits for the mailbox store: an account's own quota when it has one, else {@code defaultBytes}
   * (empty: unlimited). Answered from the current snapshot, so a quota changed with {@code tern user quota} applies
   * from the next reload on; safe to call from any thread (the mailbox store calls it on its workers).
   *
   * @param defaultBytes the limit of accounts without one of their own; positive when present
   */
  public QuotaLimits quotaLimits(OptionalLong defaultBytes) {
    if (defaultBytes.isPresent() && defaultBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException("default quota must be a positive number of bytes, not " + defaultBytes.getAsLong());
    }
    return account -> {
      if (account == null) {
        return defaultBytes;
      }
      AccountSnapshot snapshot = state.snapshot();
      String canonical = MailAddress.tryParse(account).map(MailAddress::toString).orElse(account);
      OptionalLong own = snapshot.settings(canonical).quotaBytes();
      return own.isPresent() ? own : defaultBytes;
    };
  }

  /** How many times changed files were loaded since open. */
  public long reloadCount() {
    return reloads.get();
  }

  /** How many times changed files could not be loaded (the previous snapshot stayed in force). */
  public long rejectedReloadCount() {
    return rejectedReloads.get();
  }

  private static String loginAddress(AccountSnapshot snapshot, String username) {
    if (username == null || username.isEmpty()) {
      return null;
    }
    String full = username.indexOf('@') >= 0 || snapshot.defaultDomain().isEmpty()
        ? username
        : username + "@" + snapshot.defaultDomain().get();
    return MailAddress.tryParse(full).map(MailAddress::toString).orElse(null);
  }

  private void poll() {
    if (closed || !polling.compareAndSet(false, true)) {
      return;
    }
    State previous = state;
    context.<State>executeBlocking(() -> reloadIfChanged(previous))
        .onComplete(result -> {
          polling.set(false);
          if (closed) {
            return;
          }
          if (result.succeeded() && result.result() != null) {
            state = result.result();
            reloads.incrementAndGet();
          } else if (result.failed()) {
            rejectedReloads.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "account files in " + directory
                + " not reloaded, keeping the previous ones: " + result.cause().getMessage());
          }
        });
  }

  /** Null when nothing changed, or when the same broken content was already reported. */
  private State reloadIfChanged(State previous) throws IOException {
    List<FileStamp> stamps = stamps(directory);
    if (stamps.equals(previous.stamps()) || stamps.equals(rejectedStamps)) {
      return null;
    }
    try {
      return load(directory);
    } catch (IOException e) {
      rejectedStamps = stamps;
      throw e;
    }
  }

  private static List<FileStamp> stamps(Path directory) throws IOException {
    FileStamp[] stamps = new FileStamp[AccountFiles.ALL.size()];
    for (int i = 0; i < stamps.length; i++) {
      stamps[i] = FileStamp.of(directory.resolve(AccountFiles.ALL.get(i)));
    }
    return List.of(stamps);
  }

  /** Stamps are taken before reading: a change racing the read then shows up again on the next poll. */
  private static State load(Path directory) throws IOException {
    List<FileStamp> stamps = stamps(directory);
    AccountSnapshot snapshot = AccountFiles.read(directory);
    warnIfUsersFileIsShared(directory.resolve(AccountFiles.USERS), snapshot);
    Map<String, PhcHash> hashes = new HashMap<>();
    snapshot.users().forEach((user, phc) -> {
      try {
        hashes.put(user, PhcHash.parse(phc));
      } catch (InvalidPasswordHashException e) {
        LOG.log(System.Logger.Level.WARNING, "account " + user + " cannot log in until its password is set again: "
            + e.getMessage());
      }
    });
    RecipientResolver resolver = new RecipientResolver(snapshot);
    snapshot.aliases().keySet().forEach(source -> resolver.expand(source).problems()
        .forEach(problem -> LOG.log(System.Logger.Level.WARNING, "alias " + source + ": " + problem)));
    LOG.log(System.Logger.Level.INFO, "accounts loaded from " + directory + ": " + snapshot.domains().size()
        + " domain(s), " + snapshot.users().size() + " user(s), " + snapshot.aliases().size() + " alias(es)"
        + (snapshot.settings().isEmpty() ? "" : ", " + snapshot.settings().size() + " user(s) with quota or APOP secret"));
    return new State(stamps, snapshot, resolver, hashes);
  }

  /**
   * The admin tool writes the users file 0600, but a hand-made or restored copy may be readable by others: with
   * APOP secrets in it (stored in clear) that would hand out logins, so say so loudly. Not refused, so that a
   * permissions slip never stops mail for everyone.
   */
  private static void warnIfUsersFileIsShared(Path usersFile, AccountSnapshot snapshot) throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(usersFile);
    } catch (UnsupportedOperationException | NoSuchFileException e) {
      return; // no POSIX modes here, or no users yet
    }
    Set<PosixFilePermission> shared = EnumSet.complementOf(EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    shared.retainAll(permissions);
    if (!shared.isEmpty()) {
      boolean secrets = snapshot.settings().values().stream().anyMatch(UserSettings::hasApopSecret);
      LOG.log(System.Logger.Level.WARNING, usersFile + " is accessible to others (mode "
          + PosixFilePermissions.toString(permissions) + ") but holds password hashes"
          + (secrets ? " and APOP secrets in clear" : "") + "; run chmod 600 on it");
    }
  }

  private static PhcHash dummyHash() {
    char[] random = new char[24];
    SecureRandom rng = new SecureRandom();
    for (int i = 0; i < random.length; i++) {
      random[i] = (char) ('a' + rng.nextInt(26));
    }
    try {
      return PhcHash.parse(Argon2idHasher.DEFAULT.hash(random));
    } finally {
      Arrays.fill(random, '\0');
    }
  }
}
