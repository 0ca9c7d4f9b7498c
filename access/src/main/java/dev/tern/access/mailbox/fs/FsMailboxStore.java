package dev.tern.access.mailbox.fs;

import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.FlagUpdateResult;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxEvent;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxNames;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MailboxStatus;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.mailbox.QuotaExceededException;
import dev.tern.access.mailbox.QuotaLimits;
import dev.tern.access.mailbox.QuotaUsage;
import dev.tern.access.mailbox.SpecialUse;
import dev.tern.access.mailbox.UidMapping;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MailboxStore} on Maildir++ directories under {@code root/<domain>/<local>/}. Every file operation
 * runs on the {@code tern-mailbox} worker pool; mutations of one mailbox are serialised by its monitor,
 * structural changes of an account by its write lock. Events are published from the worker right after
 * the index that backs them is on disk.
 */
public final class FsMailboxStore implements MailboxStore {

  private static final int WORKERS = 8;
  /** Messages up to this size are read into memory in one call when opened. */
  static final int READ_AT_ONCE_MAX_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final Path root;
  private final QuotaLimits quotas;
  private final WorkerExecutor workers;
  private final Map<String, AccountMaildir> accounts = new ConcurrentHashMap<>();

  public FsMailboxStore(Vertx vertx, Path root, QuotaLimits quotas) {
    this.vertx = vertx;
    this.root = root;
    this.quotas = quotas;
    this.workers = vertx.createSharedWorkerExecutor("tern-mailbox", WORKERS);
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return workers.executeBlocking(work, false);
  }

  private AccountMaildir account(String account) throws IOException {
    if (account == null) {
      throw bad("no account");
    }
    int at = account.indexOf('@');
    if (at <= 0 || at != account.lastIndexOf('@') || at == account.length() - 1) {
      throw bad("account must be local@domain: " + account);
    }
    String local = account.substring(0, at);
    String domain = account.substring(at + 1);
    for (String part : List.of(local, domain)) {
      if (part.startsWith(".") || part.contains("/") || part.contains("\\") || part.indexOf(0) >= 0) {
        throw bad("account unusable as a directory name: " + account);
      }
    }
    AccountMaildir maildir = accounts.computeIfAbsent(account,
        name -> new AccountMaildir(name, root.resolve(domain).resolve(local)));
    maildir.ensureCreated();
    return maildir;
  }

  private static MailboxException bad(String message) {
    return new MailboxException(MailboxException.Reason.BAD_INPUT, message);
  }

  private void publish(List<MailboxEvent> events) {
    for (MailboxEvent event : events) {
      vertx.eventBus().publish(MailboxEvent.address(event.account(), event.mailbox()), event.toJson());
    }
  }

  @FunctionalInterface
  private interface FolderWork<T> {
    T run(MaildirFolder folder) throws IOException;
  }

  /** Runs work on one mailbox under the account's read lock and the folder's monitor. */
  private <T> Future<T> onFolder(String account, String mailbox, FolderWork<T> work) {
    return blocking(() -> {
      String name = MailboxNames.canonical(mailbox);
      AccountMaildir maildir = account(account);
      maildir.lock.readLock().lock();
      try {
        MaildirFolder folder = maildir.folder(name);
        synchronized (folder) {
          return work.run(folder);
        }
      } finally {
        maildir.lock.readLock().unlock();
      }
    });
  }

  @FunctionalInterface
  private interface AccountWork<T> {
    T run(AccountMaildir maildir) throws IOException;
  }

  private <T> Future<T> onAccount(String account, AccountWork<T> work) {
    return blocking(() -> {
      AccountMaildir maildir = account(account);
      maildir.lock.writeLock().lock();
      try {
        return work.run(maildir);
      } finally {
        maildir.lock.writeLock().unlock();
      }
    });
  }

  private <T> Future<T> onAccountReading(String account, AccountWork<T> work) {
    return blocking(() -> {
      AccountMaildir maildir = account(account);
      maildir.lock.readLock().lock();
      try {
        return work.run(maildir);
      } finally {
        maildir.lock.readLock().unlock();
      }
    });
  }

  @Override
  public Future<List<MailboxInfo>> list(String account) {
    return onAccountReading(account, AccountMaildir::list);
  }

  @Override
  public Future<Void> create(String account, String mailbox, Optional<SpecialUse> specialUse) {
    return onAccount(account, maildir -> {
      maildir.create(MailboxNames.canonical(mailbox), specialUse);
      return null;
    });
  }

  @Override
  public Future<Void> delete(String account, String mailbox) {
    return onAccount(account, maildir -> {
      maildir.delete(MailboxNames.canonical(mailbox));
      return null;
    });
  }

  @Override
  public Future<Void> rename(String account, String from, String to) {
    return onAccount(account, maildir -> {
      maildir.rename(MailboxNames.canonical(from), MailboxNames.canonical(to));
      return null;
    });
  }

  @Override
  public Future<Void> subscribe(String account, String mailbox) {
    return onAccount(account, maildir -> {
      maildir.setSubscribed(MailboxNames.canonical(mailbox), true);
      return null;
    });
  }

  @Override
  public Future<Void> unsubscribe(String account, String mailbox) {
    return onAccount(account, maildir -> {
      maildir.setSubscribed(MailboxNames.canonical(mailbox), false);
      return null;
    });
  }

  @Override
  public Future<List<String>> subscriptions(String account) {
    return onAccountReading(account, maildir -> List.copyOf(maildir.readSubscriptions()));
  }

  @Override
  public Future<MailboxStatus> status(String account, String mailbox) {
    return onFolder(account, mailbox, folder -> {
      MaildirFolder.Snapshot snapshot = folder.snapshot(false);
      publish(snapshot.events());
      return snapshot.snapshot().status();
    });
  }

  @Override
  public Future<MailboxSnapshot> snapshot(String account, String mailbox) {
    return onFolder(account, mailbox, folder -> {
      MaildirFolder.Snapshot snapshot = folder.snapshot(true);
      publish(snapshot.events());
      return snapshot.snapshot();
    });
  }

  @Override
  public Future<List<Long>> claimRecent(String account, String mailbox) {
    return onFolder(account, mailbox, folder -> {
      MaildirFolder.Claimed claimed = folder.claimRecent();
      publish(claimed.events());
      return claimed.uids();
    });
  }

  @Override
  public Future<Long> append(String account, String mailbox, Set<String> flags, Instant internalDate, Buffer body) {
    return onFolder(account, mailbox, folder -> {
      Set<String> canonical = Flags.canonical(flags);
      Path tmp = folder.tmpDir().resolve(MaildirFileNames.newBase(body.length()));
      try {
        DurableFiles.writeNew(tmp, java.nio.ByteBuffer.wrap(body.getBytes()));
        return commitWithinQuota(account, folder, tmp, canonical, internalDate);
      } finally {
        Files.deleteIfExists(tmp);
      }
    });
  }

  @Override
  public Future<Long> append(String account, String mailbox, Set<String> flags, Instant internalDate,
                             ReadStream<Buffer> body) {
    Set<String> canonical;
    try {
      canonical = Flags.canonical(flags);
    } catch (MailboxException e) {
      return Future.failedFuture(e);
    }
    Future<Path> staged = onFolder(account, mailbox, folder -> {
      checkQuota(account, 0);
      return folder.tmpDir().resolve(MaildirFileNames.newBase(0));
    });
    return staged.compose(tmp -> vertx.fileSystem().open(tmp.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
        .compose(file -> body.pipeTo(file))
        .compose(written -> onFolder(account, mailbox, folder -> {
          try {
            DurableFiles.sync(tmp);
            return commitWithinQuota(account, folder, tmp, canonical, internalDate);
          } finally {
            Files.deleteIfExists(tmp);
          }
        }))
        .recover(failure -> blocking(() -> {
          Files.deleteIfExists(tmp);
          return null;
        }).transform(ignored -> Future.failedFuture(failure))));
  }

  private long commitWithinQuota(String account, MaildirFolder folder, Path tmp, Set<String> flags,
                                 Instant internalDate) throws IOException {
    AccountMaildir maildir = account(account);
    synchronized (maildir.quotaLock) {
      checkQuota(account, Files.size(tmp));
      MaildirFolder.Appended appended = folder.commit(tmp, flags, internalDate);
      publish(appended.events());
      return appended.uid();
    }
  }

  private void checkQuota(String account, long messageBytes) throws IOException {
    OptionalLong limit = quotas.storageLimit(account);
    if (limit.isEmpty()) {
      return;
    }
    long used = account(account).usedBytes();
    if (used + messageBytes > limit.getAsLong()) {
      throw new QuotaExceededException(account, used, limit.getAsLong(), messageBytes);
    }
  }

  @Override
  public Future<MessageContent> open(String account, String mailbox, long uid) {
    Context caller = vertx.getOrCreateContext();
    return onFolder(account, mailbox, folder -> readIfSmall(folder, uid))
        .compose(read -> read.bytes() != null
            ? Future.succeededFuture(new MessageContent(uid, read.bytes().length,
                new BufferReadStream(caller, Buffer.buffer(read.bytes())), Future::succeededFuture))
            : openLarge(account, mailbox, uid, read.located()));
  }

  /** A located message, with its bytes when it is small enough to read at once. */
  private record Read(MaildirFolder.Located located, byte[] bytes) {
  }

  /**
   * Most messages are a few KiB: reading them in the worker call that locates them saves opening a file stream
   * (and its thread hops) per message, which is what bounds a POP3 or IMAP download of many small messages.
   */
  private static Read readIfSmall(MaildirFolder folder, long uid) throws IOException {
    MaildirFolder.Located located = folder.locate(uid, false);
    if (located.size() > READ_AT_ONCE_MAX_BYTES) {
      return new Read(located, null);
    }
    try {
      return new Read(located, Files.readAllBytes(located.file()));
    } catch (NoSuchFileException renamed) {
      // another tool renamed the file (e.g. mutt marking it seen): look again
      MaildirFolder.Located again = folder.locate(uid, true);
      return new Read(again, Files.readAllBytes(again.file()));
    }
  }

  private Future<MessageContent> openLarge(String account, String mailbox, long uid, MaildirFolder.Located located) {
    return openFile(located).recover(failure -> {
          if (!isMissingFile(failure)) {
            return Future.failedFuture(failure);
          }
          // another tool renamed the file (e.g. mutt marking it seen): look again
          return onFolder(account, mailbox, folder -> folder.locate(uid, true)).compose(this::openFile);
        })
        .map(file -> new MessageContent(uid, file.size(), file.file(), file.file()::close));
  }

  private record OpenFile(AsyncFile file, long size) {
  }

  private Future<OpenFile> openFile(MaildirFolder.Located located) {
    return vertx.fileSystem().open(located.file().toString(), new OpenOptions().setRead(true).setWrite(false))
        .map(file -> new OpenFile(file, located.size()));
  }

  private static boolean isMissingFile(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NoSuchFileException) {
        return true;
      }
    }
    return failure instanceof FileSystemException && String.valueOf(failure.getMessage()).contains("NoSuchFile");
  }

  @Override
  public Future<FlagUpdateResult> updateFlags(String account, String mailbox, Collection<Long> uids, FlagMode mode,
                                              Set<String> flags, OptionalLong unchangedSince) {
    return onFolder(account, mailbox, folder -> {
      MaildirFolder.FlagsUpdated updated = folder.updateFlags(uids, mode, Flags.canonical(flags), unchangedSince);
      publish(updated.events());
      return updated.result();
    });
  }

  @Override
  public Future<List<Long>> expunge(String account, String mailbox, Optional<Collection<Long>> uids) {
    return onFolder(account, mailbox, folder -> {
      MaildirFolder.Expunged expunged = folder.expunge(uids.orElse(null));
      publish(expunged.events());
      return expunged.uids();
    });
  }

  @Override
  public Future<UidMapping> copy(String account, String from, Collection<Long> uids, String to) {
    return transfer(account, from, uids, to, false);
  }

  @Override
  public Future<UidMapping> move(String account, String from, Collection<Long> uids, String to) {
    return transfer(account, from, uids, to, true);
  }

  private Future<UidMapping> transfer(String account, String from, Collection<Long> uids, String to, boolean move) {
    return blocking(() -> {
      String source = MailboxNames.canonical(from);
      String destination = MailboxNames.canonical(to);
      if (source.equals(destination) && move) {
        throw bad("cannot move messages to the mailbox they are in");
      }
      AccountMaildir maildir = account(account);
      maildir.lock.readLock().lock();
      try {
        MaildirFolder sourceFolder = maildir.folder(source);
        MaildirFolder destinationFolder = maildir.folder(destination);
        // a fixed lock order (by name) keeps two opposite transfers from deadlocking
        Object first = source.compareTo(destination) <= 0 ? sourceFolder : destinationFolder;
        Object second = first == sourceFolder ? destinationFolder : sourceFolder;
        synchronized (first) {
          synchronized (second) {
            if (!move) {
              synchronized (maildir.quotaLock) {
                checkQuota(account, sourceFolder.bytesOf(uids));
              }
            }
            MaildirFolder.Transfer transfer = sourceFolder.transferTo(destinationFolder, uids, move);
            publish(transfer.events());
            return new UidMapping(transfer.destinationUidValidity(), transfer.sourceUids(),
                transfer.destinationUids());
          }
        }
      } finally {
        maildir.lock.readLock().unlock();
      }
    });
  }

  @Override
  public Future<QuotaUsage> quota(String account) {
    return blocking(() -> new QuotaUsage(account(account).usedBytes(), quotas.storageLimit(account)));
  }

  @Override
  public Future<Void> close() {
    return workers.close();
  }
}
