package dev.tern.delivery.scheduler;

import static dev.tern.delivery.scheduler.SchedulerHarness.await;
import static dev.tern.delivery.scheduler.SchedulerHarness.envelope;
import static dev.tern.delivery.scheduler.SchedulerHarness.eventually;
import static dev.tern.delivery.scheduler.SchedulerHarness.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.route.DeliveryReport.Outcome;
import dev.tern.delivery.route.RouteFailure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliverySchedulerTest {

  /** Retries fast enough for a test; no jitter so the order of attempts is predictable. */
  private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(50), 2.0, Duration.ofSeconds(5), 0.0,
      Duration.ofDays(5));
  private static final RetryPolicy SLOW = new RetryPolicy(Duration.ofHours(1), 2.0, Duration.ofHours(1), 0.0,
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

  private SchedulerOptions options(RetryPolicy retry) {
    return SchedulerOptions.defaults(SchedulerHarness.HOST).withRetry(retry);
  }

  private QueueEntry entry(QueueId id) {
    return await(h.spool.find(id)).orElseThrow();
  }

  private Status status(QueueId id, int recipient) {
    return entry(id).recipients().get(recipient).status();
  }

  @Test
  void mixedResultsOnThreeDomainsDeliverDeferAndBounceOnce() {
    h.domain("ok.test", (r, n) -> Outcome.DELIVERED);
    h.domain("slow.test", (r, n) -> Outcome.DEFERRED);
    h.domain("bad.test", (r, n) -> r.startsWith("good") ? Outcome.DELIVERED : Outcome.FAILED);
    h.unroutable("gone.test", new RouteFailure(true, "5.1.10", "domain gone.test accepts no mail (null MX)"));
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "a@ok.test", "b@slow.test", "c@bad.test",
        "good@bad.test", "d@bad.test", "e@gone.test"), message("hello"));
    h.start(options(SLOW));

    eventually("the bounce reaches the sender's domain", () -> h.dsns().size() == 1);
    QueueEntry e = entry(id);
    assertEquals(List.of(Status.DELIVERED, Status.DEFERRED, Status.FAILED, Status.DELIVERED, Status.FAILED,
        Status.FAILED), e.recipients().stream().map(QueueEntry.RecipientState::status).toList());
    assertEquals("451 4.3.2 try again later", e.recipients().get(1).lastReply());
    assertTrue(e.recipients().get(1).nextAttemptAt() > System.currentTimeMillis() + Duration.ofMinutes(30).toMillis());

    // one independent delivery per domain, each with only its own recipients
    assertEquals(List.of("a@ok.test"), single(h.to("ok.test")).recipients());
    assertEquals(List.of("b@slow.test"), single(h.to("slow.test")).recipients());
    assertEquals(List.of("c@bad.test", "good@bad.test", "d@bad.test"), single(h.to("bad.test")).recipients());

    SchedulerHarness.Delivery bounce = single(h.dsns());
    assertEquals("", bounce.sender());
    assertEquals(List.of("alice@sender.test"), bounce.recipients());
    ParsedDsn dsn = ParsedDsn.parse(bounce.body());
    assertEquals("Mail Delivery System <MAILER-DAEMON@" + SchedulerHarness.HOST + ">", dsn.headers().get("from"));
    assertEquals("<alice@sender.test>", dsn.headers().get("to"));
    assertEquals(3, dsn.parts().size());
    assertTrue(dsn.parts().get(0).contentType().startsWith("text/plain"));
    assertEquals("dns; " + SchedulerHarness.HOST, dsn.messageBlock().get("reporting-mta"));
    assertTrue(dsn.messageBlock().containsKey("arrival-date"));
    Map<String, Map<String, String>> byRecipient = dsn.recipientBlocks().stream()
        .collect(Collectors.toMap(b -> b.get("final-recipient"), b -> b));
    assertEquals(Set.of("rfc822; c@bad.test", "rfc822; d@bad.test", "rfc822; e@gone.test"), byRecipient.keySet());
    Map<String, String> c = byRecipient.get("rfc822; c@bad.test");
    assertEquals("failed", c.get("action"));
    assertEquals("5.1.1", c.get("status"));
    assertEquals("dns; mx.bad.test", c.get("remote-mta"));
    assertEquals("smtp; 550 5.1.1 <c@bad.test> no such user", c.get("diagnostic-code"));
    Map<String, String> gone = byRecipient.get("rfc822; e@gone.test");
    assertEquals("5.1.10", gone.get("status"));
    assertFalse(gone.containsKey("remote-mta"), "no host was reached for a null MX");
    String headers = dsn.part("text/rfc822-headers").body();
    assertTrue(headers.contains("Subject: hello\r\n"));
    assertFalse(headers.contains("secret body text"), "only the headers go back");
    assertEquals(1.0, h.counter("tern.delivery.bounces", "action", "failed"));
    assertEquals(2.0, h.counter("tern.delivery.results", "result", "delivered", "domain", "bad.test")
        + h.counter("tern.delivery.results", "result", "delivered", "domain", "ok.test"));
  }

  @Test
  void aDestinationThatFailsTwiceGetsTheMessageOnTheThirdAttemptAfterGrowingDelays() {
    h.domain("flaky.test", (r, n) -> n < 3 ? Outcome.DEFERRED : Outcome.DELIVERED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@flaky.test"), message("retry"));
    h.start(options(FAST));

    eventually("delivered", () -> entry(id).recipients().get(0).status() == Status.DELIVERED);
    List<SchedulerHarness.Delivery> attempts = h.to("flaky.test");
    assertEquals(3, attempts.size());
    assertEquals(3, entry(id).recipients().get(0).attempts());
    long first = attempts.get(0).atMillis();
    long second = attempts.get(1).atMillis();
    long third = attempts.get(2).atMillis();
    // The backoff is a lower bound on each gap: 50 ms after the first failure, 100 ms after the second.
    assertTrue(second - first >= 50, "second attempt came before its backoff");
    assertTrue(third - second >= 100, "third attempt came before its doubled backoff");
    assertTrue(h.dsns().isEmpty());
  }

  @Test
  void restartInTheMiddleOfRetriesLosesNothingAndDeliversNothingTwice() {
    RetryPolicy retry = new RetryPolicy(Duration.ofMillis(300), 2.0, Duration.ofSeconds(5), 0.0, Duration.ofDays(5));
    h.domain("ok.test", (r, n) -> Outcome.DELIVERED);
    h.domain("later.test", (r, n) -> n == 1 ? Outcome.DEFERRED : Outcome.DELIVERED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "a@ok.test", "b@later.test"), message("restart"));
    h.start(options(retry));
    eventually("first pass recorded", () -> status(id, 1) == Status.DEFERRED && status(id, 0) == Status.DELIVERED);

    h.restart(options(retry));
    QueueEntry reopened = entry(id);
    assertEquals(Status.DELIVERED, reopened.recipients().get(0).status());
    assertEquals(1, reopened.recipients().get(1).attempts(), "the attempt count survives the restart");

    // Once final, the message leaves the index with its (no longer active) segment, so watch the queue empty.
    eventually("the deferred recipient is retried by the new scheduler", () -> await(h.spool.count()) == 0);
    await(h.scheduler.stop());
    assertEquals(1, h.to("ok.test").size(), "the recorded delivery is not repeated");
    assertEquals(2, h.to("later.test").size());
    assertEquals(List.of("b@later.test"), h.to("later.test").get(1).recipients());
  }

  @Test
  void aRecipientStillDeferredAfterTheMaximumLifetimeFailsWithABounce() {
    h.domain("slow.test", (r, n) -> Outcome.DEFERRED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now().minus(Duration.ofDays(6)), "x@slow.test"),
        message("old"));
    h.start(options(FAST));

    eventually("bounced", () -> h.dsns().size() == 1);
    QueueEntry.RecipientState state = entry(id).recipients().get(0);
    assertEquals(Status.FAILED, state.status());
    assertTrue(state.lastReply().startsWith("451 4.4.7 message expired after 5 days"), state.lastReply());
    Map<String, String> block = single(ParsedDsn.parse(single(h.dsns()).body()).recipientBlocks());
    assertEquals("failed", block.get("action"));
    assertEquals("4.4.7", block.get("status"));
    assertEquals(1, h.to("slow.test").size());
  }

  @Test
  void aMessageWithANullSenderNeverBounces() {
    h.domain("bad.test", (r, n) -> Outcome.FAILED);
    QueueId id = h.store(envelope("", Instant.now(), "x@bad.test"), message("dsn itself"));
    h.start(options(FAST));
    eventually("failed", () -> status(id, 0) == Status.FAILED);
    await(h.scheduler.stop());

    assertEquals(0L, await(h.spool.count()), "nothing was queued for a null sender");
    assertEquals(0.0, h.counter("tern.delivery.bounces"));
    assertTrue(h.dsns().stream().allMatch(d -> d.domain().equals("bad.test")));
  }

  @Test
  void bouncesSwitchedOffQueueNoDsn() {
    h.domain("bad.test", (r, n) -> Outcome.FAILED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "x@bad.test"), message("quiet"));
    h.start(options(FAST).withBounces(false));
    eventually("failed", () -> status(id, 0) == Status.FAILED);
    await(h.scheduler.stop());

    assertEquals(0L, await(h.spool.count()));
    assertEquals(0.0, h.counter("tern.delivery.bounces"));
    assertTrue(h.dsns().isEmpty());
  }

  @Test
  void aDelayWarningGoesOutOnceAfterTheConfiguredAge() {
    h.domain("slow.test", (r, n) -> n < 4 ? Outcome.DEFERRED : Outcome.DELIVERED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now().minus(Duration.ofHours(2)), "x@slow.test"),
        message("slowly"));
    h.start(options(FAST).withDelayWarningAfter(Duration.ofHours(1)));

    eventually("delivered in the end", () -> status(id, 0) == Status.DELIVERED);
    eventually("the warning reached the sender", () -> h.dsns().size() == 1);
    await(h.scheduler.stop());
    assertEquals(1, h.dsns().size(), "one warning, not one per deferral");
    assertEquals(1.0, h.counter("tern.delivery.bounces", "action", "delayed"));
    ParsedDsn dsn = ParsedDsn.parse(single(h.dsns()).body());
    Map<String, String> block = single(dsn.recipientBlocks());
    assertEquals("delayed", block.get("action"));
    assertEquals("4.3.2", block.get("status"));
    assertEquals("Delayed Mail (still being retried)", dsn.headers().get("subject"));
  }

  @Test
  void noDelayWarningByDefault() {
    h.domain("slow.test", (r, n) -> n < 3 ? Outcome.DEFERRED : Outcome.DELIVERED);
    QueueId id = h.store(envelope("alice@sender.test", Instant.now().minus(Duration.ofDays(1)), "x@slow.test"),
        message("slowly"));
    h.start(options(FAST));
    eventually("delivered", () -> status(id, 0) == Status.DELIVERED);
    await(h.scheduler.stop());
    assertEquals(0.0, h.counter("tern.delivery.bounces"));
  }

  @Test
  void aLocalDomainGoesIntoTheMailboxWithoutDns() {
    h.accounts("bob@local.test");
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "bob@local.test"), message("local"));
    h.start(options(SLOW));
    eventually("delivered", () -> status(id, 0) == Status.DELIVERED);
    assertEquals("250 2.0.0 delivered to <bob@local.test> uid 1", entry(id).recipients().get(0).lastReply());
    assertEquals(1, h.inbox("bob@local.test").size());
    assertTrue(h.deliveries.isEmpty());
    assertEquals(0, h.resolves.get(), "a local domain is not looked up in DNS");
  }

  @Test
  void aTemporaryDnsFailureDefersAndNxdomainFails() {
    h.unroutable("servfail.test", new RouteFailure(false, "4.4.3", "DNS server failure for servfail.test"));
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "a@servfail.test", "b@nxdomain.test"),
        message("dns"));
    h.start(options(SLOW));
    eventually("both settled", () -> status(id, 0) == Status.DEFERRED && status(id, 1) == Status.FAILED);
    assertEquals("451 4.4.3 DNS server failure for servfail.test", entry(id).recipients().get(0).lastReply());
    eventually("bounce for the NXDOMAIN recipient", () -> h.dsns().size() == 1);
    assertEquals("rfc822; b@nxdomain.test",
        single(ParsedDsn.parse(single(h.dsns()).body()).recipientBlocks()).get("final-recipient"));
  }

  @Test
  void withARelayhostEveryRemoteDomainGoesToIt() {
    QueueId id = h.store(envelope("alice@sender.test", Instant.now(), "a@one.test", "b@two.test"), message("smart"));
    h.start(options(SLOW).withRelayhost("127.0.0.1:2525"));
    eventually("delivered", () -> status(id, 0) == Status.DELIVERED && status(id, 1) == Status.DELIVERED);
    assertEquals(0, h.resolves.get(), "no MX lookups through a smarthost");
    assertEquals(2, h.deliveries.size());
    assertTrue(h.deliveries.stream().allMatch(d -> d.site().equals("127.0.0.1")));
  }

  @Test
  void manyMessagesAreAllDeliveredWithSmallBatches() {
    h.domain("ok.test", (r, n) -> Outcome.DELIVERED);
    for (int i = 0; i < 40; i++) {
      h.store(envelope("alice@sender.test", Instant.now(), "a" + i + "@ok.test"), message("n" + i));
    }
    h.start(options(SLOW).withLimits(3, 5));
    eventually("all delivered", () -> h.to("ok.test").size() == 40 && await(h.spool.count()) == 0);
    assertEquals(40, h.to("ok.test").stream().map(d -> d.recipients().get(0)).distinct().count());
  }

  private static <T> T single(List<T> list) {
    assertEquals(1, list.size(), "expected exactly one: " + list);
    return list.get(0);
  }
}
