package dev.tern.relay.support;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import dev.tern.delivery.SpoolHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A Spool that keeps committed messages in memory and records what the relay did with it. */
public final class InMemorySpool implements Spool {

  /** One committed message. */
  public record Stored(QueueId id, Envelope envelope, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Vertx vertx;
  private final List<Stored> stored = new CopyOnWriteArrayList<>();
  private final AtomicInteger aborted = new AtomicInteger();
  private final AtomicInteger begun = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger largestWrite = new AtomicInteger();
  private volatile SpoolHealth health = SpoolHealth.OK;
  private volatile boolean failCommits;
  private volatile boolean asyncWrites;
  private volatile long commitDelayMillis;

  public InMemorySpool(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Intake begin(Envelope envelope) {
    begun.incrementAndGet();
    return new RecordingIntake(envelope);
  }

  @Override
  public SpoolHealth health() {
    return health;
  }

  public void health(SpoolHealth value) {
    health = value;
  }

  public void failCommits(boolean value) {
    failCommits = value;
  }

  /** Complete writes later on a timer, so the relay's back-pressure path is exercised. */
  public void asyncWrites(boolean value) {
    asyncWrites = value;
  }

  /** Commits complete only after this delay (a slow disk). */
  public void commitDelayMillis(long value) {
    commitDelayMillis = value;
  }

  public List<Stored> stored() {
    return stored;
  }

  public int aborted() {
    return aborted.get();
  }

  public int begun() {
    return begun.get();
  }

  public int largestWrite() {
    return largestWrite.get();
  }

  @Override
  public Future<Long> count() {
    return Future.succeededFuture((long) stored.size());
  }

  @Override
  public Future<List<QueueEntry>> list(int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Optional<QueueEntry>> find(QueueId id) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  @Override
  public Future<BodyStream> openBody(QueueId id) {
    return Future.failedFuture(new IllegalStateException("the relay's test spool serves no body streams"));
  }

  private final class RecordingIntake implements Intake {
    private final Envelope envelope;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean done;

    RecordingIntake(Envelope envelope) {
      this.envelope = envelope;
    }

    @Override
    public Future<Void> write(Buffer chunk) {
      if (done) {
        return Future.failedFuture(new IllegalStateException("write after commit/abort"));
      }
      largestWrite.accumulateAndGet(chunk.length(), Math::max);
      bytes.writeBytes(chunk.getBytes());
      return asyncWrites ? vertx.timer(1, TimeUnit.MILLISECONDS).mapEmpty() : Future.succeededFuture();
    }

    @Override
    public long size() {
      return bytes.size();
    }

    @Override
    public Future<QueueId> commit() {
      if (done) {
        return Future.failedFuture(new IllegalStateException("already finished"));
      }
      done = true;
      if (failCommits) {
        return Future.failedFuture(new IllegalStateException("disk on fire"));
      }
      QueueId id = new QueueId(String.format("Q%08d", ids.incrementAndGet()));
      Stored message = new Stored(id, envelope, bytes.toByteArray());
      if (commitDelayMillis > 0) {
        return vertx.timer(commitDelayMillis, TimeUnit.MILLISECONDS).map(v -> {
          stored.add(message);
          return id;
        });
      }
      stored.add(message);
      return Future.succeededFuture(id);
    }

    @Override
    public void abort() {
      if (!done) {
        done = true;
        aborted.incrementAndGet();
      }
    }
  }
}
