package dev.tern.benchmarks;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import dev.tern.delivery.SpoolHealth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's driving logic against a recording spool: every Intake call happens on the writer's own context,
 * in the order the relay makes them, and failures surface on the JMH thread.
 */
class SpoolAcceptorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    VertxCalls.await(vertx.close(), TIMEOUT);
  }

  @Test
  void beginsWritesAndCommitsOnTheWritersContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    RecordingSpool spool = new RecordingSpool(null);
    byte[] body = BenchMessage.ofSize(4096);
    QueueId id = VertxCalls.callOn(context,
        () -> new SpoolAcceptor(spool).accept(BenchMessage.envelope(), Buffer.buffer(body)), TIMEOUT);
    assertEquals(new QueueId("Q1"), id);
    assertEquals(List.of("begin", "write 4096", "commit"), spool.calls);
    for (Context seen : spool.contexts) {
      assertSame(context, seen);
    }
  }

  @Test
  void aFailedWriteAbortsAndTheFailureReachesTheCaller() throws Exception {
    Context context = vertx.getOrCreateContext();
    RecordingSpool spool = new RecordingSpool(new IOException("disk full"));
    IOException e = assertThrows(IOException.class, () -> VertxCalls.callOn(context,
        () -> new SpoolAcceptor(spool).accept(BenchMessage.envelope(), Buffer.buffer("x\r\n")), TIMEOUT));
    assertEquals("disk full", e.getMessage());
    assertEquals(List.of("begin", "write 3", "abort"), spool.calls);
  }

  @Test
  void anOperationThatThrowsFailsInsteadOfHanging() {
    Context context = vertx.getOrCreateContext();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> VertxCalls.callOn(context, () -> {
          throw new IllegalStateException("placeholder");
        }, TIMEOUT));
    assertEquals("placeholder", e.getMessage());
  }

  @Test
  void anOperationThatNeverCompletesTimesOut() {
    Context context = vertx.getOrCreateContext();
    assertThrows(TimeoutException.class,
        () -> VertxCalls.callOn(context, () -> Promise.<String>promise().future(), Duration.ofMillis(200)));
  }

  /** Records calls and the context they come from; fails writes when told to. */
  private static final class RecordingSpool implements Spool {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Context> contexts = new CopyOnWriteArrayList<>();
    private final Exception writeFailure;

    RecordingSpool(Exception writeFailure) {
      this.writeFailure = writeFailure;
    }

    private void record(String call) {
      calls.add(call);
      contexts.add(Vertx.currentContext());
    }

    @Override
    public Intake begin(Envelope envelope) {
      record("begin");
      assertTrue(envelope.recipients().contains(BenchMessage.RECIPIENT));
      return new Intake() {
        private long size;

        @Override
        public Future<Void> write(Buffer chunk) {
          record("write " + chunk.length());
          size += chunk.length();
          return writeFailure == null ? Future.succeededFuture() : Future.failedFuture(writeFailure);
        }

        @Override
        public long size() {
          return size;
        }

        @Override
        public Future<QueueId> commit() {
          record("commit");
          return Future.succeededFuture(new QueueId("Q1"));
        }

        @Override
        public void abort() {
          record("abort");
        }
      };
    }

    @Override
    public SpoolHealth health() {
      return SpoolHealth.OK;
    }

    @Override
    public Future<Long> count() {
      return Future.succeededFuture(0L);
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
    public Future<BodyStream> openBody(QueueId id) {
      return Future.failedFuture(new IllegalStateException("this test spool keeps no bodies"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
