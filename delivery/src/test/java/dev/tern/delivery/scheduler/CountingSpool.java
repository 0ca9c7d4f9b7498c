package dev.tern.delivery.scheduler;

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
import dev.tern.delivery.fs.FsSpool;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real spool, counting how often each message's body is opened, and able to refuse body reads and commits the
 * way a broken disk would.
 */
final class CountingSpool implements Spool, DeliveryQueue, QueueOperations {

  /** What the spool refuses while the flag is set. */
  static final class Faults {
    volatile boolean refuseBodies;
    volatile boolean refuseCommits;
  }

  private final FsSpool spool;
  private final Map<QueueId, AtomicInteger> opens;
  private final Faults faults;

  CountingSpool(FsSpool spool, Map<QueueId, AtomicInteger> opens, Faults faults) {
    this.spool = spool;
    this.opens = opens;
    this.faults = faults;
  }

  @Override
  public Future<BodyStream> openBody(QueueId id) {
    opens.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    if (faults.refuseBodies) {
      return Future.failedFuture(new java.io.IOException("/spool/segment: Input/output error"));
    }
    return spool.openBody(id);
  }

  @Override
  public Intake begin(Envelope envelope) {
    Intake intake = spool.begin(envelope);
    return new Intake() {
      @Override
      public Future<Void> write(io.vertx.core.buffer.Buffer chunk) {
        return intake.write(chunk);
      }

      @Override
      public long size() {
        return intake.size();
      }

      @Override
      public Future<QueueId> commit() {
        if (faults.refuseCommits) {
          intake.abort();
          return Future.failedFuture(new SpoolUnavailableException("disk full"));
        }
        return intake.commit();
      }

      @Override
      public void abort() {
        intake.abort();
      }
    };
  }

  @Override
  public SpoolHealth health() {
    return spool.health();
  }

  @Override
  public Future<Long> count() {
    return spool.count();
  }

  @Override
  public Future<List<QueueEntry>> list(int limit) {
    return spool.list(limit);
  }

  @Override
  public Future<Optional<QueueEntry>> find(QueueId id) {
    return spool.find(id);
  }

  @Override
  public Future<Void> close() {
    return spool.close();
  }

  @Override
  public Future<List<Claim>> claimDue(long nowMillis, int maxRecipients) {
    return spool.claimDue(nowMillis, maxRecipients);
  }

  @Override
  public void release(Claim claim) {
    spool.release(claim);
  }

  @Override
  public Future<Void> record(List<RecipientOutcome> outcomes) {
    return spool.record(outcomes);
  }

  @Override
  public Future<Optional<Instant>> nextDueAt() {
    return spool.nextDueAt();
  }

  @Override
  public void onCommitted(Handler<QueueId> handler) {
    spool.onCommitted(handler);
  }

  @Override
  public Future<List<QueueEntry>> list(QueueFilter filter, int limit) {
    return spool.list(filter, limit);
  }

  @Override
  public Future<Integer> rescheduleAll(long atMillis) {
    return spool.rescheduleAll(atMillis);
  }

  @Override
  public Future<Integer> reschedule(QueueId id, long atMillis) {
    return spool.reschedule(id, atMillis);
  }

  @Override
  public Future<List<Integer>> failRemaining(QueueId id, String reply) {
    return spool.failRemaining(id, reply);
  }
}
