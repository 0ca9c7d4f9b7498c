package dev.tern.delivery.local;

import dev.tern.access.AccountStore;
import dev.tern.access.RecipientResolution;
import dev.tern.delivery.Claim;
import dev.tern.delivery.Claim.ClaimedRecipient;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.Spool;
import dev.tern.delivery.dsn.OriginalHeaders;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local recipients of one pass over one message. The message is read once for the whole pass (whole, when it
 * is at most {@link LocalDeliveryOptions#maxBodyInMemory()}; otherwise just its header block, and the body is
 * streamed per mailbox), and each mailbox gets one copy however many recipients of the pass lead to it. Lives on
 * the scheduler's context; {@link #deliver} may be called once per local domain of the message.
 */
public final class LocalPass {

  private static final Logger LOG = System.getLogger(LocalPass.class.getName());

  private final Claim claim;
  private final PassHeaders headers;
  private final AccountStore accounts;
  private final LocalDeliveryOptions options;
  private final BoundedParallel appends;
  private final MailboxAppender appender;
  private final Requeue requeue;
  private final Spool spool;
  private final Map<String, Stored> byMailbox = new HashMap<>();
  private Future<Original> original;

  /** The one append of a mailbox in this pass, and the recipient that caused it. */
  private record Stored(String firstRecipient, Future<Long> uid) {}

  LocalPass(Claim claim, PassHeaders headers, AccountStore accounts, LocalDeliveryOptions options,
            BoundedParallel appends, MailboxAppender appender, Requeue requeue, Spool spool) {
    this.claim = claim;
    this.headers = headers;
    this.accounts = accounts;
    this.options = options;
    this.appends = appends;
    this.appender = appender;
    this.requeue = requeue;
    this.spool = spool;
  }

  /** One result per recipient, in the given order. Never fails: trouble becomes a DEFERRED result. */
  public Future<List<LocalResult>> deliver(List<ClaimedRecipient> recipients) {
    List<Future<RecipientResolution>> lookups = new ArrayList<>(recipients.size());
    for (ClaimedRecipient recipient : recipients) {
      lookups.add(resolve(recipient.address()));
    }
    return Future.join(lookups).transform(resolved -> {
      boolean anyLocal = lookups.stream()
          .anyMatch(f -> f.succeeded() && f.result().kind() == RecipientResolution.Kind.LOCAL);
      Future<Original> message = anyLocal ? original() : Future.succeededFuture();
      return message.transform(read -> {
        List<Future<LocalResult>> results = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
          ClaimedRecipient recipient = recipients.get(i);
          results.add(one(recipient, lookups.get(i), read).recover(e -> {
            LOG.log(Level.WARNING, "local delivery of {0} to <{1}> failed unexpectedly: {2}", claim.id(),
                recipient.address(), e.toString());
            return Future.succeededFuture(new LocalResult(recipient, Status.DEFERRED,
                Replies.localError(recipient.address())));
          }));
        }
        return Future.join(results).map(all -> results.stream().map(Future::result).toList());
      });
    });
  }

  private Future<RecipientResolution> resolve(String address) {
    try {
      return accounts.resolve(address);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<LocalResult> one(ClaimedRecipient recipient, Future<RecipientResolution> lookup,
                                  AsyncResult<Original> read) {
    String address = recipient.address();
    if (lookup.failed()) {
      LOG.log(Level.WARNING, "resolving <{0}> of {1} failed: {2}", address, claim.id(), lookup.cause().toString());
      return settled(recipient, Status.DEFERRED, Replies.lookupFailed(address));
    }
    RecipientResolution resolution = lookup.result();
    if (resolution.kind() == RecipientResolution.Kind.UNKNOWN) {
      return settled(recipient, Status.FAILED, Replies.noSuchUser(address));
    }
    if (resolution.kind() == RecipientResolution.Kind.REMOTE) {
      return settled(recipient, Status.DEFERRED, Replies.noLongerLocal(address));
    }
    if (read.failed()) {
      return settled(recipient, Status.DEFERRED, Replies.unreadable());
    }
    Decision decision = Decision.of(claim.envelope().sender(), address, resolution, read.result().trace());
    if (decision instanceof Decision.Settled settled) {
      return settled(recipient, settled.status(), settled.reply());
    }
    if (decision instanceof Decision.Direct direct) {
      return store(recipient, direct.mailbox(), read.result());
    }
    return expand(recipient, ((Decision.Expand) decision).targets(), read.result());
  }

  private static Future<LocalResult> settled(ClaimedRecipient recipient, Status status, String reply) {
    return Future.succeededFuture(new LocalResult(recipient, status, reply));
  }

  private Future<LocalResult> store(ClaimedRecipient recipient, String mailbox, Original message) {
    String key = mailbox.toLowerCase(Locale.ROOT);
    Stored stored = byMailbox.get(key);
    boolean first = stored == null;
    if (first) {
      Future<Long> uid = appends.submit(() -> appender.append(mailbox, message))
          .onFailure(e -> LOG.log(Level.WARNING, "append of {0} to the INBOX of {1} failed: {2}", claim.id(), mailbox,
              e.toString()));
      stored = new Stored(recipient.address(), uid);
      byMailbox.put(key, stored);
    }
    String firstRecipient = stored.firstRecipient();
    return stored.uid().transform(appended -> {
      if (appended.succeeded()) {
        long uid = appended.result();
        return settled(recipient, Status.DELIVERED, first ? Replies.delivered(mailbox, uid)
            : Replies.duplicate(firstRecipient, mailbox, uid));
      }
      Throwable e = appended.cause();
      return settled(recipient, Replies.appendStatus(e, options.overQuota()),
          Replies.appendFailed(e, mailbox, options.overQuota()));
    });
  }

  private Future<LocalResult> expand(ClaimedRecipient recipient, List<String> targets, Original message) {
    return requeue.requeue(recipient.address(), targets, message).transform(queued -> {
      if (queued.succeeded()) {
        return settled(recipient, Status.DELIVERED, Replies.expanded(targets.size(), queued.result()));
      }
      LOG.log(Level.WARNING, "queueing the expansion of <{0}> of {1} failed: {2}", recipient.address(), claim.id(),
          queued.cause().toString());
      return settled(recipient, Status.DEFERRED, Replies.requeueFailed(recipient.address()));
    });
  }

  /** The message, read once per pass. */
  private Future<Original> original() {
    if (original == null) {
      original = read().onFailure(e -> LOG.log(Level.WARNING, "message {0} unreadable for local delivery: {1}",
          claim.id(), e.toString()));
    }
    return original;
  }

  private Future<Original> read() {
    if (claim.size() <= options.maxBodyInMemory()) {
      return spool.openBody(claim.id()).compose(SpoolBodies::readAll).map(body -> {
        byte[] block = OriginalHeaders.headerBlock(body, OriginalHeaders.DEFAULT_MAX_BYTES);
        headers.offer(block);
        return new Original(body, DeliveredTo.parse(block));
      });
    }
    return headers.read().compose(block -> block == null
        ? Future.failedFuture(new IllegalStateException("header block unreadable"))
        : Future.succeededFuture(new Original(null, DeliveredTo.parse(block))));
  }
}
