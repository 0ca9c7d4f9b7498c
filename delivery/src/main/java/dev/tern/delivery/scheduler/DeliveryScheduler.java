package dev.tern.delivery.scheduler;

import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.delivery.Claim;
import dev.tern.delivery.DeliveryQueue;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.QueueOperations;
import dev.tern.delivery.Spool;
import dev.tern.delivery.local.LocalDelivery;
import dev.tern.delivery.route.MxResolver;
import dev.tern.delivery.route.OutboundTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Moves queued mail on. It claims due recipients in bounded batches (never more than
 * {@link SchedulerOptions#maxInFlight()} at once), runs one {@link MessagePass} per claimed message, and sleeps
 * until the earliest next attempt otherwise; a newly committed message, a finished pass or an operator action
 * wakes it. All its state lives on one Vert.x context: the spool, resolver and transport complete their futures on
 * the caller's context, so nothing here needs a lock, and nothing blocks it.
 *
 * <p>The operator actions ({@link #flush}, {@link #retry}, {@link #delete}, {@link #bounce}, {@link #list}) may be
 * called from any thread.
 */
public final class DeliveryScheduler {

  private static final Logger LOG = System.getLogger(DeliveryScheduler.class.getName());
  /** Sleep at most this long between looks at the queue, should a wake-up ever be missed. */
  private static final long MAX_SLEEP_MILLIS = 30_000;
  private static final long RETRY_AFTER_ERROR_MILLIS = 1_000;
  static final String DELETED_REPLY = "550 5.0.0 deleted by operator";
  static final String BOUNCED_REPLY = "550 5.0.0 bounced by operator";

  private final Vertx vertx;
  private final DeliveryQueue queue;
  private final Spool spool;
  private final QueueOperations operations;
  private final Router router;
  private final OutboundTransport transport;
  private final LocalDelivery localDelivery;
  private final OutcomePolicy policy;
  private final SchedulerOptions options;
  private final SchedulerMetrics metrics;
  private final Notifier notifier;

  private Context context;
  private boolean started;
  private boolean stopped;
  private boolean claiming;
  private boolean wakeAgain;
  private long timerId = -1;
  private volatile int inFlight;
  private Promise<Void> drained;

  /**
   * {@code spool} is the one store in its three roles (relay intake, scheduler queue, operator actions);
   * {@code mailboxes} takes the mail of local recipients (see {@link LocalDelivery}).
   */
  public <S extends Spool & DeliveryQueue & QueueOperations> DeliveryScheduler(
      Vertx vertx, S spool, AccountStore accounts, MailboxStore mailboxes, MxResolver resolver,
      OutboundTransport transport, SchedulerOptions options, MeterRegistry meters) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.queue = Objects.requireNonNull(spool, "spool");
    this.spool = spool;
    this.operations = spool;
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
    this.localDelivery = new LocalDelivery(vertx, Objects.requireNonNull(accounts, "accounts"),
        Objects.requireNonNull(mailboxes, "mailboxes"), spool, options.hostname(), options.local());
    Smarthost smarthost = options.relayhost() == null ? null : new Smarthost(vertx, options.relayhost());
    this.router = new Router(Objects.requireNonNull(accounts, "accounts"), Objects.requireNonNull(resolver, "resolver"),
        smarthost);
    this.policy = new OutcomePolicy(options);
    this.metrics = new SchedulerMetrics(Objects.requireNonNull(meters, "meters"), () -> inFlight);
    this.notifier = new Notifier(spool, options, metrics);
  }

  /** Starts delivering: listens for new mail and takes whatever is due now. */
  public synchronized Future<Void> start() {
    if (started) {
      return Future.failedFuture(new IllegalStateException("the scheduler was already started"));
    }
    started = true;
    context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      queue.onCommitted(id -> pump());
      LOG.log(Level.INFO, "delivery scheduler started ({0})",
          options.relayhost() == null ? "MX delivery" : "smarthost " + options.relayhost());
      pump();
      promise.complete();
    });
    return promise.future();
  }

  /**
   * Stops taking work and completes once every pass in flight has recorded its outcomes. The transport is not
   * closed here: it belongs to whoever built it.
   */
  public synchronized Future<Void> stop() {
    if (context == null) {
      metrics.close();
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
      if (drained == null) {
        drained = Promise.promise();
        if (inFlight == 0) {
          drained.complete();
        }
      }
      drained.future().onComplete(promise);
    });
    return promise.future().andThen(done -> metrics.close());
  }

  /** Makes every waiting recipient due now. Completes with how many were. */
  public Future<Integer> flush() {
    return operations.rescheduleAll(System.currentTimeMillis()).onSuccess(n -> {
      LOG.log(Level.INFO, "operator flush: {0} recipients due now", n);
      wake();
    });
  }

  /** Makes the waiting recipients of one message due now; fails for an unknown or final message. */
  public Future<Integer> retry(QueueId id) {
    return operations.reschedule(id, System.currentTimeMillis()).onSuccess(n -> {
      LOG.log(Level.INFO, "operator retry of {0}: {1} recipients due now", id, n);
      wake();
    });
  }

  /** Fails the open recipients of one message without a DSN. Completes with how many were failed. */
  public Future<Integer> delete(QueueId id) {
    return operations.failRemaining(id, DELETED_REPLY).map(failed -> {
      LOG.log(Level.INFO, "operator deleted {0}: {1} recipients failed without a DSN", id, failed.size());
      return failed.size();
    });
  }

  /**
   * Fails the open recipients of one message and sends the sender one DSN for them (even with bounces switched
   * off: the operator asked for it; never to a null sender). Completes with how many were failed.
   */
  public Future<Integer> bounce(QueueId id) {
    if (id == null) {
      return Future.failedFuture(new IllegalArgumentException("no queue id"));
    }
    return spool.find(id).compose(found -> {
      QueueEntry entry = found.orElseThrow(() -> new NoSuchElementException("no message " + id + " in the queue"));
      if (entry.recipients().stream().allMatch(r -> r.status() == QueueEntry.Status.DELIVERED
          || r.status() == QueueEntry.Status.FAILED)) {
        return Future.failedFuture(new IllegalStateException("message " + id + " is already final"));
      }
      boolean report = !entry.envelope().nullSender();
      Future<byte[]> headers = report ? notifier.readHeaders(id) : Future.succeededFuture(null);
      return headers.compose(h -> operations.failRemaining(id, BOUNCED_REPLY).compose(failed -> {
        LOG.log(Level.INFO, "operator bounced {0}: {1} recipients failed", id, failed.size());
        if (!report) {
          return Future.succeededFuture(failed.size());
        }
        Notifier.Collected collected = new Notifier.Collected();
        collected.headers = Future.succeededFuture(h);
        long now = System.currentTimeMillis();
        for (int index : failed) {
          collected.failed(entry.envelope().recipients().get(index), BOUNCED_REPLY, null, now);
        }
        return notifier.send(id, entry.envelope(), collected).map(v -> failed.size());
      }));
    });
  }

  /** Queued messages with a recipient of this domain and/or state. */
  public Future<List<QueueEntry>> list(QueueFilter filter, int limit) {
    return operations.list(filter, limit);
  }

  private void wake() {
    Context ctx = context;
    if (ctx != null) {
      ctx.runOnContext(v -> pump());
    }
  }

  /** Claims as much due work as there is room for; runs on the scheduler's context only. */
  private void pump() {
    if (stopped) {
      return;
    }
    if (claiming) {
      wakeAgain = true;
      return;
    }
    int room = options.maxInFlight() - inFlight;
    if (room <= 0) {
      return;
    }
    int asked = Math.min(options.batchSize(), room);
    claiming = true;
    wakeAgain = false;
    queue.claimDue(System.currentTimeMillis(), asked).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        LOG.log(Level.ERROR, "claiming due mail failed: {0}", ar.cause().toString());
        sleep(RETRY_AFTER_ERROR_MILLIS);
        return;
      }
      int taken = 0;
      for (Claim claim : ar.result()) {
        taken += claim.recipients().size();
        begin(claim);
      }
      if (stopped) {
        return;
      }
      if (taken >= asked || wakeAgain) {
        context.runOnContext(v -> pump());
      } else {
        sleepUntilDue();
      }
    });
  }

  private void begin(Claim claim) {
    int size = claim.recipients().size();
    inFlight += size;
    new MessagePass(claim, queue, router, transport, localDelivery, policy, metrics, notifier).run().onComplete(done -> {
      inFlight -= size;
      if (done.failed()) {
        LOG.log(Level.ERROR, "pass over {0} failed: {1}", claim.id(), done.cause().toString());
      }
      if (drained != null && inFlight == 0) {
        drained.tryComplete();
      }
      pump();
    });
  }

  private void sleepUntilDue() {
    queue.nextDueAt().onComplete(ar -> {
      if (stopped || claiming) {
        return;
      }
      long delay = MAX_SLEEP_MILLIS;
      if (ar.succeeded() && ar.result().isPresent()) {
        delay = Math.min(MAX_SLEEP_MILLIS, ar.result().get().toEpochMilli() - System.currentTimeMillis());
      }
      sleep(delay);
    });
  }

  private void sleep(long millis) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    timerId = vertx.setTimer(Math.max(1, millis), id -> {
      timerId = -1;
      pump();
    });
  }
}
