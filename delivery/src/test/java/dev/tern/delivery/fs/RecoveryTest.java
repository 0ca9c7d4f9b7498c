package dev.tern.delivery.fs;

import static dev.tern.delivery.fs.SpoolTestSupport.await;
import static dev.tern.delivery.fs.SpoolTestSupport.bytes;
import static dev.tern.delivery.fs.SpoolTestSupport.envelope;
import static dev.tern.delivery.fs.SpoolTestSupport.open;
import static dev.tern.delivery.fs.SpoolTestSupport.readBody;
import static dev.tern.delivery.fs.SpoolTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.RecipientOutcome;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class RecoveryTest extends SpoolTestBase {

  private static final long BIG_SEGMENTS = 64L * 1024 * 1024;

  @Test
  void truncatedLastRecordIsDroppedAndEarlierOnesKept() throws IOException {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId first = store(vertx, spool, envelope("a@example.net"), "first body".getBytes(), 4);
    QueueId second = store(vertx, spool, envelope("b@example.net"), "second body".getBytes(), 4);
    QueueId third = store(vertx, spool, envelope("c@example.net"), bytes(5000, 3), 1000);
    await(spool.close());

    Path segment = onlySegmentWithData();
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 100);
    }

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(2L, await(reopened.count()));
    assertTrue(await(reopened.find(first)).isPresent());
    assertArrayEquals("second body".getBytes(), readBody(vertx, reopened, second));
    assertFalse(await(reopened.find(third)).isPresent());
    // The torn tail was cut off, so new appends after it stay readable on the next start.
    QueueId fourth = store(vertx, reopened, envelope("d@example.net"), "fourth".getBytes(), 10);
    await(reopened.close());

    FsSpool again = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(3L, await(again.count()));
    assertArrayEquals("fourth".getBytes(), readBody(vertx, again, fourth));
    await(again.close());
  }

  @Test
  void flippedByteInLastRecordDropsOnlyThatRecord() throws IOException {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId first = store(vertx, spool, envelope("a@example.net"), "first body".getBytes(), 4);
    QueueId second = store(vertx, spool, envelope("b@example.net"), "second body".getBytes(), 4);
    await(spool.close());

    Path segment = onlySegmentWithData();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      long at = file.length() - 3;
      file.seek(at);
      int original = file.read();
      file.seek(at);
      file.write(original ^ 0x40);
    }

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(1L, await(reopened.count()));
    assertArrayEquals("first body".getBytes(), readBody(vertx, reopened, first));
    assertFalse(await(reopened.find(second)).isPresent());
    await(reopened.close());
  }

  @Test
  void orphanStagingAndBodyFilesAreRemoved() throws IOException {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId kept = store(vertx, spool, envelope("a@example.net"), bytes(FsIntake.INLINE_LIMIT + 1, 9), 64 * 1024);
    await(spool.close());
    Path stage = dir.resolve("000000000001aaaa0001.stage");
    Path orphanBody = dir.resolve("000000000001aaaa0002.body");
    Files.write(stage, new byte[] {1, 2, 3});
    Files.write(orphanBody, new byte[] {4, 5, 6});

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    assertFalse(Files.exists(stage));
    assertFalse(Files.exists(orphanBody));
    assertTrue(Files.exists(dir.resolve(kept.value() + ".body")), "a live message keeps its body file");
    assertEquals(FsIntake.INLINE_LIMIT + 1, readBody(vertx, reopened, kept).length);
    await(reopened.close());
  }

  @Test
  void tornJournalTailLosesOnlyTheLastStateChange() throws IOException {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId id = store(vertx, spool, envelope("a@example.net", "b@example.net"), "body".getBytes(), 4);
    long later = Instant.now().plusSeconds(600).toEpochMilli();
    await(spool.record(List.of(RecipientOutcome.deferred(id, 0, "451 try later", Instant.ofEpochMilli(later)))));
    await(spool.record(List.of(RecipientOutcome.deferred(id, 1, "452 full", Instant.ofEpochMilli(later)))));
    await(spool.close());

    Path journal = dir.resolve("journal.log");
    try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
      file.setLength(file.length() - 5);
    }

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    List<QueueEntry.RecipientState> states = await(reopened.find(id)).orElseThrow().recipients();
    assertEquals(QueueEntry.Status.DEFERRED, states.get(0).status());
    assertEquals("451 try later", states.get(0).lastReply());
    assertEquals(QueueEntry.Status.QUEUED, states.get(1).status());
    // Appends after the cut must be readable on the next start.
    await(reopened.record(List.of(RecipientOutcome.failed(id, 1, "550 no such user"))));
    await(reopened.close());

    FsSpool again = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(QueueEntry.Status.FAILED, await(again.find(id)).orElseThrow().recipients().get(1).status());
    await(again.close());
  }

  @Test
  void garbageLengthAndForeignSegmentAreSurvived() throws IOException {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId id = store(vertx, spool, envelope("a@example.net"), "body".getBytes(), 4);
    await(spool.close());
    Path segment = onlySegmentWithData();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(file.length());
      file.writeInt(Integer.MAX_VALUE);
      file.writeInt(0);
      file.write(new byte[32]);
    }
    Files.write(dir.resolve("segment-00000000000000ff.log"), "not a segment".getBytes());

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(1L, await(reopened.count()));
    assertArrayEquals("body".getBytes(), readBody(vertx, reopened, id));
    assertFalse(Files.exists(dir.resolve("segment-00000000000000ff.log")));
    await(reopened.close());
  }

  @Test
  void aSecondSpoolOnTheSameDirectoryIsRefused() {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    Throwable failure = SpoolTestSupport.awaitFailure(FsSpool.open(vertx,
        new FsSpoolOptions(dir, BIG_SEGMENTS, 0), new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    assertTrue(failure.getMessage().contains("in use"), failure.getMessage());
    await(spool.close());
  }

  private Path onlySegmentWithData() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("segment-"))
          .filter(p -> sizeOf(p) > 8).toList();
      assertEquals(1, segments.size(), "segments with records: " + segments);
      return segments.get(0);
    }
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
