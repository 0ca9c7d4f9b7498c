package dev.tern.delivery.scheduler;

import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.FlagUpdateResult;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MailboxStatus;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.mailbox.QuotaUsage;
import dev.tern.access.mailbox.SpecialUse;
import dev.tern.access.mailbox.UidMapping;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A mailbox store whose appends fail with an I/O error (a broken disk) while {@link #failing} is set. */
final class FailingAppends implements MailboxStore {

  static final String SECRET = "/var/secret/path: Input/output error";

  private final MailboxStore store;
  volatile boolean failing = true;
  final AtomicInteger attempts = new AtomicInteger();

  FailingAppends(MailboxStore store) {
    this.store = store;
  }

  @Override
  public Future<Long> append(String account, String mailbox, Set<String> flags, Instant internalDate, Buffer body) {
    attempts.incrementAndGet();
    return failing ? Future.failedFuture(new UncheckedIOException(new IOException(SECRET)))
        : store.append(account, mailbox, flags, internalDate, body);
  }

  @Override
  public Future<Long> append(String account, String mailbox, Set<String> flags, Instant internalDate,
                             ReadStream<Buffer> body) {
    attempts.incrementAndGet();
    return failing ? Future.failedFuture(new UncheckedIOException(new IOException(SECRET)))
        : store.append(account, mailbox, flags, internalDate, body);
  }

  @Override
  public Future<List<MailboxInfo>> list(String account) {
    return store.list(account);
  }

  @Override
  public Future<Void> create(String account, String mailbox, Optional<SpecialUse> specialUse) {
    return store.create(account, mailbox, specialUse);
  }

  @Override
  public Future<Void> delete(String account, String mailbox) {
    return store.delete(account, mailbox);
  }

  @Override
  public Future<Void> rename(String account, String from, String to) {
    return store.rename(account, from, to);
  }

  @Override
  public Future<Void> subscribe(String account, String mailbox) {
    return store.subscribe(account, mailbox);
  }

  @Override
  public Future<Void> unsubscribe(String account, String mailbox) {
    return store.unsubscribe(account, mailbox);
  }

  @Override
  public Future<List<String>> subscriptions(String account) {
    return store.subscriptions(account);
  }

  @Override
  public Future<MailboxStatus> status(String account, String mailbox) {
    return store.status(account, mailbox);
  }

  @Override
  public Future<MailboxSnapshot> snapshot(String account, String mailbox) {
    return store.snapshot(account, mailbox);
  }

  @Override
  public Future<List<Long>> claimRecent(String account, String mailbox) {
    return store.claimRecent(account, mailbox);
  }

  @Override
  public Future<MessageContent> open(String account, String mailbox, long uid) {
    return store.open(account, mailbox, uid);
  }

  @Override
  public Future<FlagUpdateResult> updateFlags(String account, String mailbox, Collection<Long> uids, FlagMode mode,
                                              Set<String> flags, OptionalLong unchangedSince) {
    return store.updateFlags(account, mailbox, uids, mode, flags, unchangedSince);
  }

  @Override
  public Future<List<Long>> expunge(String account, String mailbox, Optional<Collection<Long>> uids) {
    return store.expunge(account, mailbox, uids);
  }

  @Override
  public Future<UidMapping> copy(String account, String from, Collection<Long> uids, String to) {
    return store.copy(account, from, uids, to);
  }

  @Override
  public Future<UidMapping> move(String account, String from, Collection<Long> uids, String to) {
    return store.move(account, from, uids, to);
  }

  @Override
  public Future<QuotaUsage> quota(String account) {
    return store.quota(account);
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
