package dev.tern.ops.testing;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import dev.tern.delivery.SpoolHealth;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A spool in memory for tests of the admin API: entries are put in directly, intakes commit at once. */
public final class InMemorySpool implements Spool {

  private final Map<QueueId, QueueEntry> entries = new ConcurrentSkipListMap<>();
  private final AtomicLong next = new AtomicLong();
  private volatile SpoolHealth health = SpoolHealth.OK;
  private volatile boolean closed;

  public void put(QueueEntry entry) {
    entries.put(entry.id(), entry);
  }

  /** Every entry, final ones too, in id order. */
  public List<QueueEntry> entries() {
    return List.copyOf(entries.values());
  }

  public void health(SpoolHealth h) {
    health = h;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public Intake begin(Envelope envelope) {
    return new Intake() {
      long size;

      @Override
      public Future<Void> write(Buffer chunk) {
        size += chunk.length();
        return Future.succeededFuture();
      }

      @Override
      public long size() {
        return size;
      }

      @Override
      public Future<QueueId> commit() {
        QueueId id = new QueueId(String.format("%012d", next.incrementAndGet()));
        List<QueueEntry.RecipientState> rs = new ArrayList<>();
        envelope.recipients().forEach(r -> rs.add(new QueueEntry.RecipientState(r, QueueEntry.Status.QUEUED, 0, 0, "")));
        put(new QueueEntry(id, envelope, size, rs));
        return Future.succeededFuture(id);
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public SpoolHealth health() {
    return health;
  }

  private static boolean pending(QueueEntry e) {
    return e.recipients().stream().anyMatch(r -> r.status() == QueueEntry.Status.QUEUED || r.status() == QueueEntry.Status.DEFERRED);
  }

  @Override
  public Future<Long> count() {
    return Future.succeededFuture(entries.values().stream().filter(InMemorySpool::pending).count());
  }

  @Override
  public Future<List<QueueEntry>> list(int limit) {
    return Future.succeededFuture(entries.values().stream().filter(InMemorySpool::pending).limit(limit).toList());
  }

  @Override
  public Future<Optional<QueueEntry>> find(QueueId id) {
    return Future.succeededFuture(Optional.ofNullable(entries.get(id)));
  }

  @Override
  public Future<BodyStream> openBody(QueueId id) {
    return Future.failedFuture(new IllegalStateException("the in-memory spool keeps no bodies"));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }
}
