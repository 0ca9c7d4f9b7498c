package dev.tern.delivery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.testing.Futures;
import dev.tern.delivery.testing.InMemoryBodyStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PrefixedStream, SpoolBodies and BoundedParallel against in-memory streams on a real Vert.x context. */
class StreamsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Futures.await(vertx.close(), TIMEOUT);
  }

  private <T> T onContext(Function<Context, Future<T>> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.apply(context).onComplete(promise));
    return Futures.await(promise.future(), TIMEOUT);
  }

  private static Buffer text(int bytes) {
    Buffer b = Buffer.buffer();
    for (int i = 0; i < bytes; i++) {
      b.appendByte((byte) ('a' + i % 26));
    }
    return b;
  }

  @Test
  void thePrefixComesFirstThenTheWholeBodyEvenWhenTheReaderTakesOnePieceAtATime() {
    Buffer body = text(1000);
    List<Integer> sizes = new ArrayList<>();
    Buffer seen = onContext(context -> {
      PrefixedStream stream = new PrefixedStream(context, Buffer.buffer("Head: 1\r\n"),
          new InMemoryBodyStream(context, body, 64, -1));
      Promise<Buffer> done = Promise.promise();
      Buffer all = Buffer.buffer();
      stream.pause();
      stream.handler(chunk -> {
        sizes.add(chunk.length());
        all.appendBuffer(chunk);
        // ask for the next piece later, as a slow writer would
        vertx.setTimer(1, t -> stream.fetch(1));
      });
      stream.endHandler(v -> done.complete(all));
      stream.exceptionHandler(done::tryFail);
      stream.fetch(1);
      return done.future();
    });
    assertEquals(Buffer.buffer("Head: 1\r\n").appendBuffer(body), seen);
    assertEquals(9, sizes.get(0), "the prefix is a piece of its own");
    assertEquals(1 + (1000 + 63) / 64, sizes.size());
  }

  @Test
  void nothingIsEmittedWhilePausedAndAReadErrorReachesTheReader() {
    Throwable failure = onContext(context -> {
      PrefixedStream stream = new PrefixedStream(context, Buffer.buffer("P\r\n"),
          new InMemoryBodyStream(context, text(500), 100, 250));
      Promise<Throwable> done = Promise.promise();
      AtomicInteger pieces = new AtomicInteger();
      stream.pause();
      stream.handler(chunk -> pieces.incrementAndGet());
      stream.exceptionHandler(done::tryComplete);
      stream.endHandler(v -> done.tryFail("ended despite the read error"));
      vertx.setTimer(20, t -> {
        if (pieces.get() != 0) {
          done.tryFail("emitted while paused");
        }
        stream.resume();
      });
      return done.future();
    });
    assertTrue(failure instanceof IOException, failure.toString());
  }

  @Test
  void aPipeIntoAnIntakeCopiesEverythingAndCommitsAfterTheLastWrite() {
    RecordingIntake intake = new RecordingIntake(-1);
    Buffer body = text(10_000);
    onContext(context -> SpoolBodies.copy(new PrefixedStream(context, Buffer.buffer("Delivered-To: x@y\r\n"),
        new InMemoryBodyStream(context, body, 1000, -1)), intake));
    assertEquals(Buffer.buffer("Delivered-To: x@y\r\n").appendBuffer(body), intake.written);
    assertEquals(0, intake.overlapping.get(), "a write started before the previous one completed");
  }

  @Test
  void aFailingIntakeWriteFailsTheCopy() {
    RecordingIntake intake = new RecordingIntake(3);
    Throwable failure = Futures.awaitFailure(onContext(context -> Future.succeededFuture(
        SpoolBodies.copy(new InMemoryBodyStream(context, text(10_000), 1000, -1), intake))), TIMEOUT);
    assertEquals("disk full", failure.getMessage());
    assertEquals(3, intake.writes.get(), "nothing was written after the failure");
  }

  @Test
  void readAllCollectsTheStreamAndFailsOnAReadError() {
    Buffer body = text(3000);
    assertEquals(body, onContext(context -> SpoolBodies.readAll(new InMemoryBodyStream(context, body, 512, -1))));
    Throwable failure = Futures.awaitFailure(onContext(context -> Future.succeededFuture(
        SpoolBodies.readAll(new InMemoryBodyStream(context, body, 512, 1024)))), TIMEOUT);
    assertTrue(failure instanceof IOException);
  }

  @Test
  void boundedParallelNeverRunsMoreThanItsLimitAndRunsEverything() {
    BoundedParallel limiter = new BoundedParallel(3);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> results = onContext(context -> {
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        all.add(limiter.submit(() -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          return vertx.timer(2).map(t -> {
            running.decrementAndGet();
            if (n == 5) {
              throw new IllegalStateException("task 5 fails");
            }
            return n;
          });
        }).otherwise(-1));
      }
      return Future.all(all).map(c -> all.stream().map(Future::result).toList());
    });
    assertEquals(3, most.get());
    assertEquals(20, results.size());
    assertEquals(-1, results.get(5));
    assertEquals(19, results.get(19));
  }

  /** Takes writes one at a time like the real intake, optionally failing the n-th. */
  private final class RecordingIntake implements Intake {
    final Buffer written = Buffer.buffer();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger overlapping = new AtomicInteger();
    private final int failAt;
    private boolean busy;

    RecordingIntake(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public Future<Void> write(Buffer chunk) {
      if (busy) {
        overlapping.incrementAndGet();
      }
      if (writes.incrementAndGet() == failAt) {
        return Future.failedFuture(new IOException("disk full"));
      }
      busy = true;
      written.appendBuffer(chunk);
      return vertx.timer(1).map(t -> {
        busy = false;
        return null;
      });
    }

    @Override
    public long size() {
      return written.length();
    }

    @Override
    public Future<QueueId> commit() {
      return Future.failedFuture(new UnsupportedOperationException("not used here"));
    }

    @Override
    public void abort() {}
  }
}
