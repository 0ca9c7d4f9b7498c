package dev.tern.delivery.fs;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Claim;
import dev.tern.delivery.DeliveryQueue;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.QueueOperations;
import dev.tern.delivery.RecipientOutcome;
import dev.tern.delivery.Spool;
import dev.tern.delivery.SpoolHealth;
import dev.tern.delivery.SpoolUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.OpenOptions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded spool: a segmented append-only log with group commit, a journal of recipient states
 * beside it, and an in-memory index rebuilt from both at start. The on-disk format and the recovery
 * rules are described in {@code delivery/README.md}. Nothing here blocks the caller's thread: file
 * work runs on the spool's writer thread or on its staging worker pool.
 */
public final class FsSpool implements Spool, DeliveryQueue, QueueOperations {

  private static final int STAGING_THREADS = 2;

  private record CommitListener(Context context, Handler<QueueId> handler) {}

  private final Vertx vertx;
  private final FsSpoolOptions options;
  private final SpoolIndex index = new SpoolIndex();
  private final SpoolMetrics metrics;
  private final SpoolWriter writer;
  private final WorkerExecutor staging;
  private final CopyOnWriteArrayList<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private volatile QueueIdGenerator ids;
  private Future<Void> closing;

  private FsSpool(Vertx vertx, FsSpoolOptions options, MeterRegistry meters) {
    this.vertx = vertx;
    this.options = options;
    this.metrics = new SpoolMetrics(meters, index);
    this.writer = new SpoolWriter(options, index, metrics, this::notifyCommitted);
    this.staging = vertx.createSharedWorkerExecutor("tern-spool-staging", STAGING_THREADS);
  }

  /** Opens (recovering if needed) the spool in {@code options.directory()}. */
  public static Future<FsSpool> open(Vertx vertx, FsSpoolOptions options, MeterRegistry meters) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(meters, "meters");
    if (options == null || options.directory() == null) {
      return Future.failedFuture(new IllegalArgumentException("the spool needs a directory"));
    }
    if (options.segmentBytes() <= 0 || options.minFreeDiskBytes() < 0) {
      return Future.failedFuture(new IllegalArgumentException("segmentBytes must be positive and minFreeDiskBytes not negative"));
    }
    FsSpool spool = new FsSpool(vertx, options, meters);
    Promise<QueueIdGenerator> started = Promise.promise();
    spool.writer.start(started, spool.callerContext());
    return started.future()
        .map(generator -> {
          spool.ids = generator;
          return spool;
        })
        .onFailure(e -> {
          spool.metrics.close();
          spool.staging.close();
        });
  }

  @Override
  public Intake begin(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    return new FsIntake(this, staging, ids.next(), envelope);
  }

  @Override
  public SpoolHealth health() {
    return writer.health();
  }

  @Override
  public Future<Long> count() {
    return Future.succeededFuture(index.liveCount());
  }

  @Override
  public Future<List<QueueEntry>> list(int limit) {
    if (limit < 0) {
      return Future.failedFuture(new IllegalArgumentException("negative limit"));
    }
    return Future.succeededFuture(index.listLive(limit));
  }

  @Override
  public Future<List<QueueEntry>> list(QueueFilter filter, int limit) {
    if (limit < 0) {
      return Future.failedFuture(new IllegalArgumentException("negative limit"));
    }
    return Future.succeededFuture(index.listLive(filter == null ? QueueFilter.ALL : filter, limit));
  }

  @Override
  public Future<Integer> rescheduleAll(long atMillis) {
    return operator(index -> index.planReschedule(null, atMillis)).map(List::size);
  }

  @Override
  public Future<Integer> reschedule(QueueId id, long atMillis) {
    if (id == null) {
      return Future.failedFuture(new IllegalArgumentException("no queue id"));
    }
    return operator(index -> index.planReschedule(id, atMillis)).map(List::size);
  }

  @Override
  public Future<List<Integer>> failRemaining(QueueId id, String reply) {
    if (id == null) {
      return Future.failedFuture(new IllegalArgumentException("no queue id"));
    }
    if (reply == null || reply.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("a failure needs a reply text"));
    }
    return operator(index -> index.planFail(id, reply))
        .map(states -> states.stream().map(PayloadCodec.RecipientStateRecord::recipientIndex).toList());
  }

  private Future<List<PayloadCodec.RecipientStateRecord>> operator(
      java.util.function.Function<SpoolIndex, List<PayloadCodec.RecipientStateRecord>> plan) {
    Promise<List<PayloadCodec.RecipientStateRecord>> promise = Promise.promise();
    if (!writer.submit(new SpoolWriter.Operator(plan, promise, callerContext()))) {
      return Future.failedFuture(new SpoolUnavailableException("spool closed"));
    }
    return promise.future();
  }

  @Override
  public Future<Optional<QueueEntry>> find(QueueId id) {
    if (id == null) {
      return Future.failedFuture(new IllegalArgumentException("no queue id"));
    }
    return Future.succeededFuture(index.find(id));
  }

  @Override
  public Future<List<Claim>> claimDue(long nowMillis, int maxRecipients) {
    if (maxRecipients <= 0) {
      return Future.failedFuture(new IllegalArgumentException("maxRecipients must be positive"));
    }
    return Future.succeededFuture(index.claim(nowMillis, maxRecipients));
  }

  @Override
  public void release(Claim claim) {
    index.release(Objects.requireNonNull(claim, "claim"));
  }

  @Override
  public Future<Void> record(List<RecipientOutcome> outcomes) {
    if (outcomes == null || outcomes.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    if (!writer.submit(new SpoolWriter.Record(List.copyOf(outcomes), promise, callerContext()))) {
      return Future.failedFuture(new SpoolUnavailableException("spool closed"));
    }
    return promise.future();
  }

  @Override
  public Future<BodyStream> openBody(QueueId id) {
    IndexedMessage message = id == null ? null : index.get(id);
    if (message == null) {
      return Future.failedFuture(new NoSuchElementException("no message " + id + " in the spool"));
    }
    if (message.isFinal()) {
      return Future.failedFuture(new IllegalStateException("message " + id + " is final; its body is not kept"));
    }
    OpenOptions read = new OpenOptions().setRead(true).setWrite(false).setCreate(false);
    return vertx.fileSystem().open(message.bodyPath.toString(), read)
        .map(file -> new FileBodyStream(file, message.bodyOffset, message.bodyLength));
  }

  @Override
  public Future<Optional<Instant>> nextDueAt() {
    return Future.succeededFuture(index.nextDue());
  }

  @Override
  public void onCommitted(Handler<QueueId> handler) {
    listeners.add(new CommitListener(callerContext(), Objects.requireNonNull(handler, "handler")));
  }

  /**
   * Rewrites the journal now as a snapshot of the current recipient states (the writer also does this
   * by itself once the journal has grown well past its last snapshot).
   */
  public Future<Void> compactJournal() {
    Promise<Void> promise = Promise.promise();
    if (!writer.submit(new SpoolWriter.Compact(promise, callerContext()))) {
      return Future.failedFuture(new SpoolUnavailableException("spool closed"));
    }
    return promise.future();
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      Promise<Void> promise = Promise.promise();
      if (!writer.submitClose(new SpoolWriter.Close(promise, callerContext()))) {
        promise.complete();
      }
      closing = promise.future()
          .eventually(staging::close)
          .andThen(done -> metrics.close());
    }
    return closing;
  }

  Path directory() {
    return options.directory();
  }

  Future<QueueId> append(SpoolWriter.Append op) {
    if (!writer.submit(op)) {
      return Future.failedFuture(new SpoolUnavailableException("spool closed"));
    }
    return op.promise().future();
  }

  /** The context futures must complete on: the caller's, or a fresh one for a non-Vert.x thread. */
  Context callerContext() {
    Context current = Vertx.currentContext();
    return current != null && current.owner() == vertx ? current : vertx.getOrCreateContext();
  }

  private void notifyCommitted(QueueId id) {
    for (CommitListener listener : listeners) {
      listener.context().runOnContext(v -> listener.handler().handle(id));
    }
  }
}
