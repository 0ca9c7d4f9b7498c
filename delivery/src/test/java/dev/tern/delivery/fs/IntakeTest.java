package dev.tern.delivery.fs;

import static dev.tern.delivery.fs.SpoolTestSupport.await;
import static dev.tern.delivery.fs.SpoolTestSupport.awaitFailure;
import static dev.tern.delivery.fs.SpoolTestSupport.bytes;
import static dev.tern.delivery.fs.SpoolTestSupport.envelope;
import static dev.tern.delivery.fs.SpoolTestSupport.onContext;
import static dev.tern.delivery.fs.SpoolTestSupport.open;
import static dev.tern.delivery.fs.SpoolTestSupport.readBody;
import static dev.tern.delivery.fs.SpoolTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.SpoolHealth;
import dev.tern.delivery.SpoolUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeTest extends SpoolTestBase {

  private static final long SEGMENTS = 64L * 1024 * 1024;

  private Context context;

  @BeforeEach
  void context() {
    context = vertx.getOrCreateContext();
  }

  @Test
  void writeAndCommitAfterTheEndAreRejected() {
    FsSpool spool = open(vertx, dir, SEGMENTS);
    Intake committed = spool.begin(envelope("a@example.net"));
    QueueId id = await(onContext(context, () -> committed.write(Buffer.buffer("x")).compose(v -> committed.commit())));
    assertInstanceOf(IllegalStateException.class, awaitFailure(onContext(context, () -> committed.write(Buffer.buffer("y")))));
    assertInstanceOf(IllegalStateException.class, awaitFailure(onContext(context, committed::commit)));
    committed.abort();
    assertTrue(await(spool.find(id)).isPresent(), "abort after commit leaves the message queued");

    Intake aborted = spool.begin(envelope("a@example.net"));
    aborted.abort();
    aborted.abort();
    assertInstanceOf(IllegalStateException.class, awaitFailure(onContext(context, () -> aborted.write(Buffer.buffer("y")))));
    assertInstanceOf(IllegalStateException.class, awaitFailure(onContext(context, aborted::commit)));
    assertEquals(1L, await(spool.count()));
    await(spool.close());
  }

  @Test
  void commitTwiceWhileTheFirstIsPendingIsRejected() {
    FsSpool spool = open(vertx, dir, SEGMENTS);
    Intake intake = spool.begin(envelope("a@example.net"));
    List<Future<QueueId>> both = await(onContext(context, () -> {
      intake.write(Buffer.buffer("body"));
      Future<QueueId> first = intake.commit();
      Future<QueueId> second = intake.commit();
      return Future.succeededFuture(List.of(first, second));
    }));
    await(both.get(0));
    assertInstanceOf(IllegalStateException.class, awaitFailure(both.get(1)));
    assertEquals(1L, await(spool.count()));
    await(spool.close());
  }

  @Test
  void overlappingWritesAreRejected() {
    FsSpool spool = open(vertx, dir, SEGMENTS);
    // The staging worker can finish the first write before the second call; only a write that is still pending
    // makes the second one an overlap, so try until the first is caught in flight.
    Throwable overlap = null;
    for (int attempt = 0; attempt < 50 && overlap == null; attempt++) {
      Intake intake = spool.begin(envelope("a@example.net"));
      Future<Void> second = await(onContext(context, () -> {
        Future<Void> first = intake.write(Buffer.buffer(bytes(FsIntake.INLINE_LIMIT + 1, 1)));
        return Future.succeededFuture(first.isComplete() ? null : intake.write(Buffer.buffer("more")));
      }));
      if (second != null) {
        overlap = awaitFailure(second);
      }
      intake.abort();
    }
    assertInstanceOf(IllegalStateException.class, overlap);
    await(spool.close());
  }

  @Test
  void abortRemovesTheStagingFile() throws Exception {
    FsSpool spool = open(vertx, dir, SEGMENTS);
    Intake intake = spool.begin(envelope("a@example.net"));
    await(onContext(context, () -> intake.write(Buffer.buffer(bytes(FsIntake.INLINE_LIMIT + 100, 2)))));
    assertEquals(1, stagingFiles(), "a big body is staged on disk as it arrives");
    await(onContext(context, () -> {
      intake.abort();
      return Future.succeededFuture();
    }));
    waitUntil(() -> stagingFiles() == 0);
    assertEquals(0L, await(spool.count()));
    await(spool.close());
  }

  @Test
  void emptyBodyIsStoredAndReadBack() {
    FsSpool spool = open(vertx, dir, SEGMENTS);
    QueueId id = store(vertx, spool, envelope("a@example.net"), new byte[0], 1);
    assertArrayEquals(new byte[0], readBody(vertx, spool, id));
    await(spool.close());
  }

  @Test
  void aSpoolWithoutEnoughFreeDiskRefusesMail() {
    FsSpool spool = await(FsSpool.open(vertx, new FsSpoolOptions(dir, SEGMENTS, Long.MAX_VALUE), new SimpleMeterRegistry()));
    SpoolHealth health = spool.health();
    assertFalse(health.accepting());
    assertTrue(health.reason().contains("disk"), health.reason());
    Intake intake = spool.begin(envelope("a@example.net"));
    assertInstanceOf(SpoolUnavailableException.class, awaitFailure(onContext(context, () -> intake.write(Buffer.buffer("x")))));
    assertInstanceOf(SpoolUnavailableException.class, awaitFailure(onContext(context, intake::commit)));
    assertEquals(0L, await(spool.count()));
    await(spool.close());

    FsSpool roomy = open(vertx, dir, SEGMENTS);
    assertEquals(SpoolHealth.OK, roomy.health());
    await(roomy.close());
  }

  @Test
  void aClosedSpoolRefusesMail() {
    FsSpool spool = open(vertx, dir, SEGMENTS);
    Intake intake = spool.begin(envelope("a@example.net"));
    await(onContext(context, () -> intake.write(Buffer.buffer("x"))));
    await(spool.close());
    await(spool.close());
    assertFalse(spool.health().accepting());
    assertInstanceOf(SpoolUnavailableException.class, awaitFailure(onContext(context, intake::commit)));
    assertInstanceOf(SpoolUnavailableException.class, awaitFailure(spool.compactJournal()));
  }

  @Test
  void badOptionsAreRejected() {
    assertInstanceOf(IllegalArgumentException.class,
        awaitFailure(FsSpool.open(vertx, new FsSpoolOptions(dir, 0, 0), new SimpleMeterRegistry())));
    assertInstanceOf(IllegalArgumentException.class,
        awaitFailure(FsSpool.open(vertx, new FsSpoolOptions(null, 1, 0), new SimpleMeterRegistry())));
  }

  private long stagingFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".stage")).count();
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  /** Waits for an asynchronous effect; bounded so a broken abort fails the test instead of hanging it. */
  private static void waitUntil(Condition condition) throws Exception {
    for (int i = 0; i < 500 && !condition.holds(); i++) {
      Thread.sleep(10);
    }
    assertTrue(condition.holds(), "condition never held");
  }
}
