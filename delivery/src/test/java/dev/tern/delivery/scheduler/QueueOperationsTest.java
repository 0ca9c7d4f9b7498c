package dev.tern.delivery.scheduler;

import static dev.tern.delivery.scheduler.SchedulerHarness.await;
import static dev.tern.delivery.scheduler.SchedulerHarness.awaitFailure;
import static dev.tern.delivery.scheduler.SchedulerHarness.envelope;
import static dev.tern.delivery.scheduler.SchedulerHarness.eventually;
import static dev.tern.delivery.scheduler.SchedulerHarness.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Claim;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.RecipientOutcome;
import dev.tern.delivery.route.DeliveryReport.Outcome;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueOperationsTest {

  private static final RetryPolicy HOURLY = new RetryPolicy(Duration.ofHours(1), 2.0, Duration.ofHours(1), 0.0,
      Duration.ofDays(5));

  @TempDir
  Path dir;

  private SchedulerHarness h;

  @BeforeEach
  void start() {
    h = SchedulerHarness.onOwnVertx(dir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private SchedulerOptions hourly() {
    return SchedulerOptions.defaults(SchedulerHarness.HOST).withRetry(HOURLY);
  }

  private QueueEntry entry(QueueId id) {
    return await(h.spool.find(id)).orElseThrow();
  }

  /** Defers one recipient by hand, as a failed attempt would. */
  private void defer(QueueId id, int index) {
    List<Claim> claims = await(h.spool.claimDue(System.currentTimeMillis(), 100));
    for (Claim c : claims) {
      for (Claim.ClaimedRecipient r : c.recipients()) {
        if (c.id().equals(id) && r.index() == index) {
          await(h.spool.record(List.of(RecipientOutcome.deferred(id, index, "451 4.3.2 later",
              Instant.now().plus(Duration.ofHours(1))))));
        }
      }
      h.spool.release(c);
    }
  }

  @Test
  void listFiltersByRecipientDomainAndState() {
    QueueId a = h.store(envelope("alice@sender.test", Instant.now(), "x@one.test", "y@two.test"), message("a"));
    QueueId b = h.store(envelope("alice@sender.test", Instant.now(), "z@Two.Test"), message("b"));
    defer(a, 1);

    assertEquals(2.0, h.meters.get("tern.queue.depth").tag("state", "queued").gauge().value());
    assertEquals(1.0, h.meters.get("tern.queue.depth").tag("state", "deferred").gauge().value());
    assertEquals(List.of(a, b), ids(new QueueFilter(null, null)));
    assertEquals(List.of(a), ids(new QueueFilter("one.test", null)));
    assertEquals(List.of(a, b), ids(new QueueFilter("TWO.test.", null)));
    assertEquals(List.of(a), ids(new QueueFilter("two.test", Status.DEFERRED)));
    assertEquals(List.of(b), ids(new QueueFilter("two.test", Status.QUEUED)));
    assertEquals(List.of(), ids(new QueueFilter("one.test", Status.DEFERRED)));
    assertEquals(List.of(a), await(h.spool.list(QueueFilter.ALL, 1)).stream().map(QueueEntry::id).toList());
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(h.spool.list(QueueFilter.ALL, -1)));
    assertThrows(IllegalArgumentException.class, () -> new QueueFilter(null, Status.FAILED));
    assertThrows(IllegalArgumentException.class, () -> new QueueFilter(" ", null));
  }

  private List<QueueId> ids(QueueFilter filter) {
    return await(h.spool.list(filter, 100)).stream().map(QueueEntry::id).toList();
  }

  @Test
  void flushMakesDeferredMailDueNowAndDurably() {
    h.domain("slow.test", (r, n) -> n == 1 ? Outcome.DEFERRED : Outcome.DELIVERED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@slow.test"), message("flush"));
    h.start(hourly());
    eventually("deferred for an hour", () -> entry(id).recipients().get(0).status() == Status.DEFERRED);

    assertEquals(1, await(h.scheduler.flush()));
    eventually("delivered after the flush", () -> await(h.spool.count()) == 0);
    assertEquals(2, h.to("slow.test").size());
  }

  @Test
  void rescheduleSurvivesARestart() {
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@slow.test"), message("r"));
    defer(id, 0);
    long before = entry(id).recipients().get(0).nextAttemptAt();
    long now = System.currentTimeMillis();
    assertEquals(1, await(h.spool.reschedule(id, now)));
    await(h.spool.close());
    h.openSpool();
    QueueEntry.RecipientState state = entry(id).recipients().get(0);
    assertEquals(now, state.nextAttemptAt());
    assertTrue(before > now);
    assertEquals(1, state.attempts(), "rescheduling is not an attempt");
    assertEquals("451 4.3.2 later", state.lastReply());
  }

  @Test
  void retryOneMessageAndItsBadInputs() {
    h.domain("slow.test", (r, n) -> n == 1 ? Outcome.DEFERRED : Outcome.DELIVERED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@slow.test"), message("retry"));
    h.start(hourly());
    eventually("deferred", () -> entry(id).recipients().get(0).status() == Status.DEFERRED);

    assertInstanceOf(NoSuchElementException.class, awaitFailure(h.scheduler.retry(new QueueId("00000000000000000000"))));
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(h.scheduler.retry(null)));
    assertEquals(1, await(h.scheduler.retry(id)));
    eventually("delivered", () -> h.to("slow.test").size() == 2);
    eventually("final", () -> await(h.spool.count()) == 0);
    awaitFailureIfKnown(h.scheduler.retry(id));
  }

  /** A final message is refused while the spool still knows it, and unknown once it has been dropped. */
  private void awaitFailureIfKnown(io.vertx.core.Future<?> call) {
    Throwable failure = awaitFailure(call);
    assertTrue(failure instanceof IllegalStateException || failure instanceof NoSuchElementException, failure.toString());
  }

  @Test
  void deleteFailsTheOpenRecipientsWithoutABounce() {
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@slow.test", "y@slow.test"), message("d"));
    QueueId other = h.store(envelope("alice@sender.test", Instant.now(), "z@slow.test"), message("keep"));
    assertEquals(2, await(h.scheduler(hourly()).delete(id)));
    assertEquals(List.of(Status.FAILED, Status.FAILED),
        entry(id).recipients().stream().map(QueueEntry.RecipientState::status).toList());
    assertEquals(DeliveryScheduler.DELETED_REPLY, entry(id).recipients().get(0).lastReply());
    assertEquals(List.of(other), ids(QueueFilter.ALL), "no DSN was queued");
    assertEquals(0.0, h.counter("tern.delivery.bounces"));

    assertInstanceOf(IllegalStateException.class, awaitFailure(h.scheduler.delete(id)));
    assertInstanceOf(NoSuchElementException.class, awaitFailure(h.scheduler.delete(new QueueId("ffff"))));
    assertInstanceOf(IllegalArgumentException.class, awaitFailure(h.spool.failRemaining(other, " ")));

    await(h.spool.close());
    h.openSpool();
    assertEquals(List.of(other), ids(QueueFilter.ALL), "the deletion is durable");
    assertEquals(1.0, h.meters.get("tern.queue.depth").tag("state", "queued").gauge().value(),
        "recovery counts recipients by state");
  }

  @Test
  void bounceFailsTheOpenRecipientsAndQueuesOneDsn() {
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@slow.test", "y@slow.test"),
        message("bounce me"));
    DeliveryScheduler scheduler = h.scheduler(hourly().withBounces(false));
    assertEquals(2, await(scheduler.bounce(id)));
    assertEquals(DeliveryScheduler.BOUNCED_REPLY, entry(id).recipients().get(1).lastReply());

    List<QueueEntry> queued = await(h.spool.list(QueueFilter.ALL, 10));
    assertEquals(1, queued.size());
    QueueEntry dsn = queued.get(0);
    assertEquals("", dsn.envelope().sender());
    assertEquals(List.of("alice@sender.test"), dsn.envelope().recipients());
    String body = await(h.spool.openBody(dsn.id()).compose(SchedulerHarness::readAll));
    ParsedDsn parsed = ParsedDsn.parse(body);
    assertEquals(2, parsed.recipientBlocks().size());
    assertEquals("smtp; " + DeliveryScheduler.BOUNCED_REPLY, parsed.recipientBlocks().get(0).get("diagnostic-code"));
    assertTrue(parsed.part("text/rfc822-headers").body().contains("Subject: bounce me"));

    assertInstanceOf(IllegalStateException.class, awaitFailure(scheduler.bounce(id)));
    assertInstanceOf(NoSuchElementException.class, awaitFailure(scheduler.bounce(new QueueId("0"))));
  }

  @Test
  void bouncingANullSenderMessageQueuesNothing() {
    QueueId id = h.store(envelope("", Instant.now(), "x@slow.test"), message("dsn"));
    assertEquals(1, await(h.scheduler(hourly()).bounce(id)));
    assertEquals(0L, await(h.spool.count()));
  }

  @Test
  void theDelayWarningMarkSurvivesARestart() {
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@slow.test", "y@slow.test"), message("w"));
    Claim claim = await(h.spool.claimDue(System.currentTimeMillis(), 10)).get(0);
    long later = System.currentTimeMillis() + 3_600_000;
    await(h.spool.record(List.of(
        new RecipientOutcome(id, 0, Status.DEFERRED, "451 4.3.2 later", later).withDelayWarning(),
        new RecipientOutcome(id, 1, Status.DEFERRED, "451 4.3.2 later", later))));
    h.spool.release(claim);
    await(h.spool.compactJournal());
    await(h.spool.close());
    h.openSpool();
    await(h.spool.reschedule(id, 1));
    // A later deferral without the mark keeps it.
    Claim again = await(h.spool.claimDue(System.currentTimeMillis(), 10)).get(0);
    assertEquals(List.of(true, false), again.recipients().stream().map(Claim.ClaimedRecipient::delayWarned).toList());
    await(h.spool.record(List.of(RecipientOutcome.deferred(id, 0, "451 again", Instant.ofEpochMilli(2)))));
    h.spool.release(again);
    await(h.spool.close());
    h.openSpool();
    Claim third = await(h.spool.claimDue(System.currentTimeMillis(), 10)).get(0);
    assertTrue(third.recipients().get(0).delayWarned());
  }
}
