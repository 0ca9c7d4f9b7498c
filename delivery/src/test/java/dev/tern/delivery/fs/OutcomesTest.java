package dev.tern.delivery.fs;

import static dev.tern.delivery.fs.SpoolTestSupport.await;
import static dev.tern.delivery.fs.SpoolTestSupport.awaitFailure;
import static dev.tern.delivery.fs.SpoolTestSupport.bytes;
import static dev.tern.delivery.fs.SpoolTestSupport.envelope;
import static dev.tern.delivery.fs.SpoolTestSupport.open;
import static dev.tern.delivery.fs.SpoolTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Claim;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.RecipientOutcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class OutcomesTest extends SpoolTestBase {

  private static final long BIG_SEGMENTS = 64L * 1024 * 1024;
  /** Every message starts a new segment, so deletion per segment can be watched. */
  private static final long TINY_SEGMENTS = 1;

  @Test
  void claimsAreHeldUntilReleasedOrRecorded() {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId id = store(vertx, spool, envelope("a@example.net", "b@example.net"), "body".getBytes(), 4);
    assertTrue(await(spool.claimDue(0, 10)).isEmpty(), "nothing is due before the commit time");

    long now = System.currentTimeMillis() + 1;
    List<Claim> claims = await(spool.claimDue(now, 10));
    assertEquals(1, claims.size());
    assertEquals(id, claims.get(0).id());
    assertEquals(List.of(0, 1), claims.get(0).recipients().stream().map(Claim.ClaimedRecipient::index).toList());
    assertEquals("b@example.net", claims.get(0).recipients().get(1).address());
    assertTrue(await(spool.claimDue(now, 10)).isEmpty(), "a claimed recipient is not handed out twice");
    assertEquals(Optional.empty(), await(spool.nextDueAt()));

    spool.release(claims.get(0));
    List<Claim> again = await(spool.claimDue(now, 1));
    assertEquals(1, again.get(0).recipients().size(), "maxRecipients limits the claim");
    assertEquals(0, again.get(0).recipients().get(0).index());
    await(spool.close());
  }

  @Test
  void outcomesSurviveReopenWithAttemptsAndNextAttemptTimes() {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId id = store(vertx, spool, envelope("a@example.net", "b@example.net", "c@example.net"),
        bytes(FsIntake.INLINE_LIMIT + 10, 4), 64 * 1024);
    long now = System.currentTimeMillis() + 1;
    await(spool.claimDue(now, 10));
    Instant retry = Instant.ofEpochMilli(now + 3_600_000);
    await(spool.record(List.of(
        RecipientOutcome.delivered(id, 0, "250 2.0.0 ok"),
        RecipientOutcome.deferred(id, 1, "451 4.3.0 busy", retry))));
    assertTrue(await(spool.claimDue(now, 10)).isEmpty(), "the deferred recipient is not due yet");
    assertEquals(Optional.of(retry), await(spool.nextDueAt()),
        "recipient 2 is claimed, recipient 1 waits for its retry");
    await(spool.close());

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    List<QueueEntry.RecipientState> states = await(reopened.find(id)).orElseThrow().recipients();
    assertEquals(new QueueEntry.RecipientState("a@example.net", Status.DELIVERED, 1, 0, "250 2.0.0 ok"), states.get(0));
    assertEquals(new QueueEntry.RecipientState("b@example.net", Status.DEFERRED, 1, retry.toEpochMilli(), "451 4.3.0 busy"),
        states.get(1));
    assertEquals(Status.QUEUED, states.get(2).status());

    List<Claim> due = await(reopened.claimDue(retry.toEpochMilli(), 10));
    assertEquals(List.of(1, 2), due.get(0).recipients().stream().map(Claim.ClaimedRecipient::index).toList(),
        "claims are memory only: after a restart every non-final recipient is claimable");
    assertEquals(1, due.get(0).recipients().get(0).attempts());
    await(reopened.record(List.of(
        RecipientOutcome.deferred(id, 1, "451 again", retry.plusSeconds(60)),
        RecipientOutcome.failed(id, 2, "550 5.1.1 unknown"))));
    assertEquals(2, await(reopened.find(id)).orElseThrow().recipients().get(1).attempts());
    await(reopened.record(List.of(RecipientOutcome.failed(id, 1, "554 gave up"))));
    assertEquals(0L, await(reopened.count()), "all recipients final: the message leaves the queue");
    assertTrue(await(reopened.list(10)).isEmpty());
    assertFalse(Files.exists(dir.resolve(id.value() + ".body")), "the body of a final message is removed");
    assertFalse(await(reopened.find(id)).isPresent(), "its segment (written before the restart) is gone with it");
    assertInstanceOf(NoSuchElementException.class, awaitFailure(reopened.openBody(id)));
    await(reopened.close());

    FsSpool third = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(0L, await(third.count()), "a final message is not resurrected");
    await(third.close());
  }

  @Test
  void aSegmentIsDeletedOnlyWhenAllItsMessagesAreFinal() throws IOException {
    FsSpool spool = open(vertx, dir, TINY_SEGMENTS);
    QueueId a = store(vertx, spool, envelope("a@example.net"), "A".getBytes(), 1);
    QueueId b = store(vertx, spool, envelope("b@example.net"), "B".getBytes(), 1);
    QueueId c = store(vertx, spool, envelope("c@example.net"), "C".getBytes(), 1);
    assertEquals(3, segmentCount());

    await(spool.record(List.of(RecipientOutcome.delivered(a, 0, "250 ok"))));
    assertEquals(2, segmentCount(), "A's segment went away");
    assertFalse(await(spool.find(a)).isPresent());
    Instant retry = Instant.now().plusSeconds(900);
    await(spool.record(List.of(RecipientOutcome.deferred(b, 0, "421 later", retry))));
    assertEquals(2, segmentCount(), "B's segment stays while B is deferred");
    await(spool.close());

    FsSpool reopened = open(vertx, dir, TINY_SEGMENTS);
    assertFalse(await(reopened.find(a)).isPresent());
    QueueEntry.RecipientState bState = await(reopened.find(b)).orElseThrow().recipients().get(0);
    assertEquals(Status.DEFERRED, bState.status());
    assertEquals(1, bState.attempts());
    assertEquals(retry.toEpochMilli(), bState.nextAttemptAt());
    assertEquals(Status.QUEUED, await(reopened.find(c)).orElseThrow().recipients().get(0).status());
    assertEquals(2L, await(reopened.count()));
    await(reopened.close());
  }

  @Test
  void journalCompactionKeepsLiveAndFinalStatesOfKeptSegments() throws IOException {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId done = store(vertx, spool, envelope("a@example.net"), "done".getBytes(), 4);
    QueueId live = store(vertx, spool, envelope("b@example.net", "c@example.net"), "live".getBytes(), 4);
    for (int i = 0; i < 200; i++) {
      await(spool.record(List.of(RecipientOutcome.deferred(live, 1, "451 attempt " + i,
          Instant.ofEpochMilli(1_000_000 + i)))));
    }
    await(spool.record(List.of(RecipientOutcome.delivered(done, 0, "250 ok"),
        RecipientOutcome.delivered(live, 0, "250 ok"))));
    assertInstanceOf(IllegalStateException.class, awaitFailure(spool.openBody(done)),
        "a final message in the active segment is still known, but its body is not served");
    long before = Files.size(dir.resolve("journal.log"));
    await(spool.compactJournal());
    long after = Files.size(dir.resolve("journal.log"));
    assertTrue(after < before / 10, "journal shrank from " + before + " to " + after);
    await(spool.close());

    FsSpool reopened = open(vertx, dir, BIG_SEGMENTS);
    assertEquals(1L, await(reopened.count()), "the final message stays final although its segment is kept");
    assertEquals(Status.DELIVERED, await(reopened.find(done)).orElseThrow().recipients().get(0).status());
    List<QueueEntry.RecipientState> states = await(reopened.find(live)).orElseThrow().recipients();
    assertEquals(Status.DELIVERED, states.get(0).status());
    assertEquals(new QueueEntry.RecipientState("c@example.net", Status.DEFERRED, 200, 1_000_199, "451 attempt 199"),
        states.get(1));
    await(reopened.close());
  }

  @Test
  void badOutcomesAreRejectedAndRecordNothing() {
    FsSpool spool = open(vertx, dir, BIG_SEGMENTS);
    QueueId id = store(vertx, spool, envelope("a@example.net", "b@example.net"), "body".getBytes(), 4);

    assertInstanceOf(NoSuchElementException.class, awaitFailure(spool.record(List.of(
        RecipientOutcome.delivered(new QueueId("00000000000000000000"), 0, "250")))));
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(spool.record(List.of(
        RecipientOutcome.delivered(id, 2, "250")))));
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(spool.record(List.of(
        RecipientOutcome.delivered(id, 0, "250"), RecipientOutcome.failed(id, 0, "550")))));
    assertEquals(Status.QUEUED, await(spool.find(id)).orElseThrow().recipients().get(0).status(),
        "a rejected batch records nothing");

    await(spool.record(List.of(RecipientOutcome.delivered(id, 0, "250"))));
    assertInstanceOf(IllegalStateException.class, awaitFailure(spool.record(List.of(
        RecipientOutcome.deferred(id, 0, "451", Instant.now())))), "a final state is final");
    assertEquals(1, await(spool.find(id)).orElseThrow().recipients().get(0).attempts());

    assertThrows(IllegalArgumentException.class, () -> new RecipientOutcome(id, 0, Status.QUEUED, "", 0));
    assertThrows(IllegalArgumentException.class, () -> new RecipientOutcome(id, 0, Status.DEFERRED, "", 0));
    assertThrows(IllegalArgumentException.class, () -> new RecipientOutcome(id, 0, Status.FAILED, "", 5));
    assertThrows(IllegalArgumentException.class, () -> RecipientOutcome.delivered(id, -1, ""));
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(spool.claimDue(0, 0)));
    assertInstanceOf(NoSuchElementException.class, awaitFailure(spool.openBody(new QueueId("nope"))));
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(spool.list(-1)));
    await(spool.close());
  }

  private long segmentCount() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("segment-")).count();
    }
  }
}
