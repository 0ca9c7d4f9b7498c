package dev.tern.ops.testing;

import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueEntry.RecipientState;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.ops.server.DeliveryService;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Delivery over an {@link InMemorySpool} with the operator actions' real rules (unknown id, already final, which
 * recipients change), and no sending at all. Records its lifecycle and every action as events.
 */
public final class FakeDelivery implements DeliveryService {

  private final InMemorySpool spool;
  private final Consumer<String> events;

  public FakeDelivery(InMemorySpool spool, Consumer<String> events) {
    this.spool = spool;
    this.events = events;
  }

  @Override
  public Future<Void> start() {
    events.accept("delivery started");
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(Duration grace) {
    events.accept("delivery stopped " + grace);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<QueueEntry>> list(QueueFilter filter, int limit) {
    return Future.succeededFuture(spool.entries().stream()
        .filter(e -> e.recipients().stream().anyMatch(r -> filter.matches(r.recipient(), r.status())))
        .limit(limit).toList());
  }

  @Override
  public Future<Integer> flush() {
    int n = 0;
    for (QueueEntry e : spool.entries()) {
      n += reschedule(e);
    }
    events.accept("flush " + n);
    return Future.succeededFuture(n);
  }

  @Override
  public Future<Integer> retry(QueueId id) {
    return open(id).map(e -> {
      int n = reschedule(e);
      events.accept("retry " + id + " " + n);
      return n;
    });
  }

  @Override
  public Future<Integer> delete(QueueId id) {
    return open(id).map(e -> failRemaining(e, "550 5.0.0 deleted by operator", "delete"));
  }

  @Override
  public Future<Integer> bounce(QueueId id) {
    return open(id).map(e -> failRemaining(e, "550 5.0.0 bounced by operator", "bounce"));
  }

  private Future<QueueEntry> open(QueueId id) {
    QueueEntry e = spool.find(id).result().orElse(null);
    if (e == null) {
      return Future.failedFuture(new NoSuchElementException("no message " + id));
    }
    if (e.recipients().stream().noneMatch(FakeDelivery::waiting)) {
      return Future.failedFuture(new IllegalStateException("message " + id + " is already final"));
    }
    return Future.succeededFuture(e);
  }

  private int reschedule(QueueEntry e) {
    long now = System.currentTimeMillis();
    int n = 0;
    List<RecipientState> states = new ArrayList<>();
    for (RecipientState r : e.recipients()) {
      if (waiting(r)) {
        n++;
        states.add(new RecipientState(r.recipient(), r.status(), r.attempts(), now, r.lastReply()));
      } else {
        states.add(r);
      }
    }
    spool.put(new QueueEntry(e.id(), e.envelope(), e.size(), states));
    return n;
  }

  private int failRemaining(QueueEntry e, String reply, String action) {
    int n = 0;
    List<RecipientState> states = new ArrayList<>();
    for (RecipientState r : e.recipients()) {
      if (waiting(r)) {
        n++;
        states.add(new RecipientState(r.recipient(), Status.FAILED, r.attempts(), 0, reply));
      } else {
        states.add(r);
      }
    }
    spool.put(new QueueEntry(e.id(), e.envelope(), e.size(), states));
    events.accept(action + " " + e.id() + " " + n);
    return n;
  }

  private static boolean waiting(RecipientState r) {
    return r.status() == Status.QUEUED || r.status() == Status.DEFERRED;
  }
}
