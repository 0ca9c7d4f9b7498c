package dev.tern.delivery.fs;

import static dev.tern.delivery.fs.SpoolTestSupport.await;
import static dev.tern.delivery.fs.SpoolTestSupport.bytes;
import static dev.tern.delivery.fs.SpoolTestSupport.envelope;
import static dev.tern.delivery.fs.SpoolTestSupport.onContext;
import static dev.tern.delivery.fs.SpoolTestSupport.open;
import static dev.tern.delivery.fs.SpoolTestSupport.readBody;
import static dev.tern.delivery.fs.SpoolTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class FsSpoolRoundTripTest extends SpoolTestBase {

  @Test
  void smallAndSpilledBodiesSurviveReopenByteForByte() throws Exception {
    FsSpool spool = open(vertx, dir, 64L * 1024 * 1024);
    Envelope envelope = envelope("bob@example.net", "carol@example.com");
    byte[] small = "Received: from client\r\nSubject: hi\r\n\r\nhello\r\n".getBytes();
    byte[] exactlyInline = bytes(FsIntake.INLINE_LIMIT, 1);
    byte[] spilled = bytes(FsIntake.INLINE_LIMIT * 2 + 17, 2);
    QueueId smallId = store(vertx, spool, envelope, small, 7);
    QueueId inlineId = store(vertx, spool, envelope, exactlyInline, 64 * 1024);
    QueueId spilledId = store(vertx, spool, envelope, spilled, 10_000);
    assertTrue(smallId.compareTo(inlineId) < 0 && inlineId.compareTo(spilledId) < 0, "ids sort by arrival");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.filter(p -> p.toString().endsWith(".body")).count(), "only the big body spilled to its own file");
    }
    await(spool.close());

    FsSpool reopened = open(vertx, dir, 64L * 1024 * 1024);
    assertEquals(3L, await(reopened.count()));
    for (QueueId id : List.of(smallId, inlineId, spilledId)) {
      QueueEntry entry = await(reopened.find(id)).orElseThrow();
      assertEquals(envelope, entry.envelope());
      assertEquals(QueueEntry.Status.QUEUED, entry.recipients().get(0).status());
      assertEquals(0, entry.recipients().get(1).attempts());
    }
    assertArrayEquals(small, readBody(vertx, reopened, smallId));
    assertArrayEquals(exactlyInline, readBody(vertx, reopened, inlineId));
    assertArrayEquals(spilled, readBody(vertx, reopened, spilledId));
    assertEquals(List.of(smallId, inlineId, spilledId),
        await(reopened.list(10)).stream().map(QueueEntry::id).toList());
    await(reopened.close());
  }

  /**
   * 50 MB in 64 KiB chunks. The test never holds the body: chunks are generated from a seeded PRNG
   * and hashed as they are produced and as they are read back; the spool keeps at most the 256 KiB
   * inline buffer plus one chunk per intake, so this passes under a small heap (e.g. -Xmx64m).
   */
  @Test
  void fiftyMegabyteBodyStreamsThroughAStagingFile() throws Exception {
    FsSpool spool = open(vertx, dir, 64L * 1024 * 1024);
    int chunkSize = 64 * 1024;
    int chunkCount = 50 * 1024 * 1024 / chunkSize;
    MessageDigest written = SpoolTestSupport.sha256();
    Random random = new Random(50);
    Iterator<Buffer> chunks = new Iterator<>() {
      int produced;

      @Override
      public boolean hasNext() {
        return produced < chunkCount;
      }

      @Override
      public Buffer next() {
        byte[] chunk = new byte[chunkSize];
        random.nextBytes(chunk);
        written.update(chunk);
        produced++;
        return Buffer.buffer(chunk);
      }
    };
    Context context = vertx.getOrCreateContext();
    Intake[] intake = new Intake[1];
    QueueId id = await(onContext(context, () -> {
      intake[0] = spool.begin(envelope("bob@example.net"));
      return SpoolTestSupport.writeAndCommit(intake[0], chunks);
    }));
    assertEquals(50L * 1024 * 1024, intake[0].size());
    byte[] expected = written.digest();
    await(spool.close());

    FsSpool reopened = open(vertx, dir, 64L * 1024 * 1024);
    assertEquals(50L * 1024 * 1024, await(reopened.find(id)).orElseThrow().size());
    assertArrayEquals(expected, SpoolTestSupport.digestBody(vertx, reopened, id));
    await(reopened.close());
  }

  @Test
  void committedHandlerHearsEachCommitOnItsContext() {
    FsSpool spool = open(vertx, dir, 1024 * 1024);
    Context listenerContext = vertx.getOrCreateContext();
    List<QueueId> heard = new CopyOnWriteArrayList<>();
    List<Boolean> onRightContext = new CopyOnWriteArrayList<>();
    await(onContext(listenerContext, () -> {
      spool.onCommitted(id -> {
        heard.add(id);
        onRightContext.add(Vertx.currentContext() == listenerContext);
      });
      return Future.succeededFuture();
    }));
    QueueId first = store(vertx, spool, envelope("bob@example.net"), "a".getBytes(), 1);
    QueueId second = store(vertx, spool, envelope("bob@example.net"), "b".getBytes(), 1);
    await(spool.close());
    assertEquals(List.of(first, second), heard);
    assertFalse(onRightContext.contains(false));
  }

  @Test
  void commitCompletesOnTheCallersContextAndMetersCount() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FsSpool spool = SpoolTestSupport.open(vertx, dir, 1024 * 1024, meters);
    Context caller = vertx.getOrCreateContext();
    boolean onCaller = await(onContext(caller, () -> {
      Intake intake = spool.begin(envelope("bob@example.net"));
      return intake.write(Buffer.buffer("body")).compose(v -> intake.commit()).map(id -> Vertx.currentContext() == caller);
    }));
    assertTrue(onCaller);
    assertEquals(1.0, meters.get("tern.spool.committed.messages").counter().count());
    assertEquals(4.0, meters.get("tern.spool.committed.bytes").counter().count());
    assertEquals(1.0, meters.get("tern.spool.depth").gauge().value());
    assertEquals(1L, meters.get("tern.spool.commit.latency").timer().count());
    await(spool.close());
  }
}
