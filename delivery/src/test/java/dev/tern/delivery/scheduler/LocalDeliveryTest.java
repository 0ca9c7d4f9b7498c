package dev.tern.delivery.scheduler;

import static dev.tern.delivery.scheduler.SchedulerHarness.await;
import static dev.tern.delivery.scheduler.SchedulerHarness.envelope;
import static dev.tern.delivery.scheduler.SchedulerHarness.eventually;
import static dev.tern.delivery.scheduler.SchedulerHarness.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.local.LocalDeliveryOptions;
import dev.tern.delivery.route.DeliveryReport.Outcome;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local delivery through the scheduler, into a real FsMailboxStore, with a real FsSpool. */
class LocalDeliveryTest {

  private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(50), 2.0, Duration.ofMillis(200), 0.0,
      Duration.ofDays(5));
  private static final RetryPolicy SLOW = new RetryPolicy(Duration.ofHours(1), 2.0, Duration.ofHours(1), 0.0,
      Duration.ofDays(5));
  private static final String SENDER = "alice@sender.test";
  private static final Pattern QUEUED_AS = Pattern.compile("queued as (\\S+)$");

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

  private static SchedulerOptions options(RetryPolicy retry) {
    return SchedulerOptions.defaults(SchedulerHarness.HOST).withRetry(retry);
  }

  private QueueEntry entry(QueueId id) {
    return await(h.spool.find(id)).orElseThrow();
  }

  private QueueEntry.RecipientState state(QueueId id, int recipient) {
    return entry(id).recipients().get(recipient);
  }

  private Status status(QueueId id, int recipient) {
    return state(id, recipient).status();
  }

  private boolean settled(QueueId id) {
    return entry(id).recipients().stream().allMatch(r -> r.status() != Status.QUEUED);
  }

  private static String stored(String sender, String mailbox, String body) {
    return "Return-Path: <" + sender + ">\r\nDelivered-To: " + mailbox + "\r\n" + body;
  }

  private static QueueId queuedAs(String reply) {
    Matcher m = QUEUED_AS.matcher(reply);
    assertTrue(m.find(), "no queue id in " + reply);
    return new QueueId(m.group(1));
  }

  private Map<String, String> singleDsnBlock() {
    List<Map<String, String>> blocks = ParsedDsn.parse(single(h.dsns()).body()).recipientBlocks();
    return single(blocks);
  }

  @Test
  void anAccountGetsReturnPathDeliveredToAndTheSpooledBytes() {
    h.accounts("bob@local.test");
    String body = message("hello bob");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), body);
    h.start(options(SLOW));

    eventually("delivered", () -> status(id, 0) == Status.DELIVERED);
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
    assertEquals("250 2.0.0 delivered to <bob@local.test> uid 1", state(id, 0).lastReply());
    assertEquals(1.0, h.counter("tern.delivery.results", "result", "delivered", "domain", "local.test"));
    assertTrue(h.deliveries.isEmpty(), "nothing went out over SMTP");
  }

  @Test
  void theNullSenderIsWrittenAsEmptyAngleBrackets() {
    h.accounts("bob@local.test");
    String body = message("a bounce");
    QueueId id = h.store(envelope("", Instant.now(), "bob@local.test"), body);
    h.start(options(SLOW));

    eventually("delivered", () -> status(id, 0) == Status.DELIVERED);
    assertEquals(List.of("Return-Path: <>\r\nDelivered-To: bob@local.test\r\n" + body), h.inbox("bob@local.test"));
  }

  @Test
  void anAliasOfOneAccountIsDeliveredDirectlyUnderTheMailboxAddress() {
    h.accounts("bob@local.test");
    h.alias("info@local.test", "bob@local.test");
    String body = message("info");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "info@local.test"), body);
    h.start(options(SLOW));

    eventually("delivered", () -> status(id, 0) == Status.DELIVERED);
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
    assertEquals("250 2.0.0 delivered to <bob@local.test> uid 1", state(id, 0).lastReply());
  }

  @Test
  void anAliasChainEndsInOneCopyForTheLastAccount() {
    h.accounts("carol@local.test");
    h.alias("a@local.test", "b@local.test");
    h.alias("b@local.test", "carol@local.test");
    String body = message("chain");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "a@local.test"), body);
    h.start(options(SLOW));

    eventually("delivered", () -> status(id, 0) == Status.DELIVERED);
    assertEquals(List.of(stored(SENDER, "carol@local.test", body)), h.inbox("carol@local.test"));
    assertEquals(0L, await(h.spool.count()), "nothing was re-queued for a chain that ends in one mailbox");
  }

  @Test
  void anAliasOfTwoAccountsAndAForwardIsRequeuedAndEachTargetGetsItOnce() {
    h.accounts("alice@local.test", "bob@local.test");
    h.alias("team@local.test", "alice@local.test", "bob@local.test", "carol@remote.test");
    h.domain("remote.test", (r, n) -> Outcome.DELIVERED);
    String body = message("team news");
    Envelope original = new Envelope(SENDER, List.of("team@local.test"), Instant.now(), "192.0.2.9", "client.test",
        null, true, Envelope.BodyType.EIGHT_BIT_MIME, "envid-42");
    QueueId id = h.store(original, body);
    h.start(options(SLOW));

    eventually("expanded", () -> status(id, 0) == Status.DELIVERED);
    String reply = state(id, 0).lastReply();
    assertTrue(reply.startsWith("250 2.1.5 expanded to 3 recipients, queued as "), reply);
    QueueId expansion = queuedAs(reply);
    eventually("the expansion is delivered", () -> settled(expansion)
        && entry(expansion).recipients().stream().allMatch(r -> r.status() == Status.DELIVERED));

    Envelope requeued = entry(expansion).envelope();
    assertEquals(SENDER, requeued.sender());
    assertEquals(List.of("alice@local.test", "bob@local.test", "carol@remote.test"), requeued.recipients());
    assertEquals("envid-42", requeued.envelopeId());
    assertTrue(requeued.smtpUtf8());
    assertEquals(Envelope.BodyType.EIGHT_BIT_MIME, requeued.body());

    String expanded = "Delivered-To: team@local.test\r\n" + body;
    assertEquals(List.of(stored(SENDER, "alice@local.test", expanded)), h.inbox("alice@local.test"));
    assertEquals(List.of(stored(SENDER, "bob@local.test", expanded)), h.inbox("bob@local.test"));
    SchedulerHarness.Delivery forwarded = single(h.to("remote.test"));
    assertEquals(List.of("carol@remote.test"), forwarded.recipients());
    assertEquals(SENDER, forwarded.sender());
    assertEquals(expanded, forwarded.body());
    assertTrue(h.dsns().isEmpty());
  }

  @Test
  void anAliasThatKeepsACopyForItsOwnAccountDeliversToBothWithoutALoop() {
    h.accounts("alice@local.test", "bob@local.test");
    h.alias("alice@local.test", "alice@local.test", "bob@local.test");
    String body = message("copy for bob");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "alice@local.test"), body);
    h.start(options(SLOW));

    eventually("expanded", () -> status(id, 0) == Status.DELIVERED);
    QueueId expansion = queuedAs(state(id, 0).lastReply());
    eventually("both delivered", () -> status(expansion, 0) == Status.DELIVERED
        && status(expansion, 1) == Status.DELIVERED);
    String expanded = "Delivered-To: alice@local.test\r\n" + body;
    assertEquals(List.of(stored(SENDER, "alice@local.test", expanded)), h.inbox("alice@local.test"));
    assertEquals(List.of(stored(SENDER, "bob@local.test", expanded)), h.inbox("bob@local.test"));
    assertTrue(h.dsns().isEmpty());
  }

  @Test
  void aMessageThatWasAlreadyDeliveredToTheAccountFailsAsALoopWithADsn() {
    h.accounts("bob@local.test");
    String body = "Delivered-To: BOB@local.test\r\n" + message("came back");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), body);
    h.start(options(SLOW));

    eventually("bounced", () -> h.dsns().size() == 1);
    assertEquals(Status.FAILED, status(id, 0));
    assertEquals("554 5.4.6 mail forwarding loop for <bob@local.test>", state(id, 0).lastReply());
    Map<String, String> block = singleDsnBlock();
    assertEquals("rfc822; bob@local.test", block.get("final-recipient"));
    assertEquals("5.4.6", block.get("status"));
    assertTrue(h.inbox("bob@local.test").isEmpty());
  }

  @Test
  void anAliasLoopThroughARemoteForwardStopsWhenTheMessageComesBack() {
    h.alias("loop@local.test", "away@remote.test");
    h.domain("remote.test", (r, n) -> Outcome.DELIVERED);
    QueueId id = h.store(envelope(SENDER, Instant.now(), "loop@local.test"), message("round and round"));
    h.start(options(SLOW));

    eventually("forwarded", () -> h.to("remote.test").size() == 1);
    assertTrue(state(id, 0).lastReply().startsWith("250 2.1.5 expanded to 1 recipient, queued as "));
    // The remote side forwards it back to us, as it received it.
    String returned = "Received: from mx.remote.test\r\n" + single(h.to("remote.test")).body();
    QueueId back = h.store(envelope(SENDER, Instant.now(), "loop@local.test"), returned);

    eventually("bounced", () -> h.dsns().size() == 1);
    assertEquals(Status.FAILED, status(back, 0));
    assertEquals("554 5.4.6 mail forwarding loop for <loop@local.test>", state(back, 0).lastReply());
    assertEquals(1, h.to("remote.test").size(), "the loop went round once, not again");
    assertEquals("5.4.6", singleDsnBlock().get("status"));
  }

  @Test
  void tooManyDeliveredToLinesFailAsALoopEvenForNewAddresses() {
    h.accounts("bob@local.test");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      body.append("Delivered-To: hop").append(i).append("@elsewhere.test\r\n");
    }
    body.append(message("many hops"));
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), body.toString());
    h.start(options(SLOW));

    eventually("failed", () -> status(id, 0) == Status.FAILED);
    assertTrue(state(id, 0).lastReply().startsWith("554 5.4.6 mail forwarding loop for <bob@local.test>: 51"),
        state(id, 0).lastReply());
    assertTrue(h.inbox("bob@local.test").isEmpty());
  }

  @Test
  void anUnknownUserFailsWith511AndTheSenderGetsADsn() {
    h.accounts("bob@local.test");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "nobody@local.test"), message("who?"));
    h.start(options(SLOW));

    eventually("bounced", () -> h.dsns().size() == 1);
    assertEquals("550 5.1.1 <nobody@local.test>: no such user here", state(id, 0).lastReply());
    Map<String, String> block = singleDsnBlock();
    assertEquals("rfc822; nobody@local.test", block.get("final-recipient"));
    assertEquals("5.1.1", block.get("status"));
    assertFalse(block.containsKey("remote-mta"), "no remote host was involved");
    assertEquals(1.0, h.counter("tern.delivery.results", "result", "failed", "domain", "local.test"));
  }

  @Test
  void aDomainThatIsNoLongerLocalAndAFailedLookupAreDeferred() {
    h.accounts("bob@local.test", "eve@gone.test");
    h.domainsGone.add("gone.test");
    QueueId gone = h.store(envelope(SENDER, Instant.now(), "eve@gone.test"), message("moved"));
    h.start(options(SLOW));
    eventually("deferred", () -> status(gone, 0) == Status.DEFERRED);
    assertTrue(state(gone, 0).lastReply().startsWith("451 4.3.0 <eve@gone.test>: domain is no longer local"));

    h.lookupsFail = true;
    QueueId unavailable = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), message("later"));
    eventually("deferred", () -> status(unavailable, 0) == Status.DEFERRED);
    assertEquals("451 4.3.0 <bob@local.test>: recipient lookup failed, will retry", state(unavailable, 0).lastReply());
    assertTrue(h.inbox("bob@local.test").isEmpty());
    assertTrue(h.dsns().isEmpty());
  }

  @Test
  void overQuotaDefersByDefaultAndDeliversOnceThereIsRoom() {
    h.accounts("bob@local.test");
    h.quotaBytes.set(10);
    String body = message("big enough");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), body);
    h.start(options(FAST));

    eventually("deferred", () -> status(id, 0) == Status.DEFERRED);
    assertEquals("452 4.2.2 <bob@local.test>: mailbox full", state(id, 0).lastReply());
    assertTrue(h.inbox("bob@local.test").isEmpty());

    h.quotaBytes.set(1_000_000);
    eventually("delivered on a later attempt", () -> status(id, 0) == Status.DELIVERED);
    assertTrue(state(id, 0).attempts() >= 2);
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
    assertTrue(h.dsns().isEmpty());
  }

  @Test
  void overQuotaFailsWith522WhenConfiguredSo() {
    h.accounts("bob@local.test");
    h.quotaBytes.set(10);
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), message("too big"));
    h.start(options(SLOW).withLocal(LocalDeliveryOptions.defaults()
        .withOverQuota(LocalDeliveryOptions.OverQuota.FAIL)));

    eventually("bounced", () -> h.dsns().size() == 1);
    assertEquals(Status.FAILED, status(id, 0));
    assertEquals("552 5.2.2 <bob@local.test>: mailbox full", state(id, 0).lastReply());
    assertEquals("5.2.2", singleDsnBlock().get("status"));
    assertTrue(h.inbox("bob@local.test").isEmpty());
  }

  @Test
  void aFailingMailboxStoreDefersWithoutShowingItsError() {
    h.accounts("bob@local.test");
    FailingAppends failing = new FailingAppends(h.mailboxes);
    h.deliveryStore = failing;
    String body = message("disk trouble");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test"), body);
    h.start(options(FAST));

    eventually("deferred", () -> status(id, 0) == Status.DEFERRED);
    String reply = state(id, 0).lastReply();
    assertEquals("451 4.3.0 <bob@local.test>: mailbox unavailable, will retry", reply);
    assertFalse(reply.contains("secret"));
    assertTrue(h.dsns().isEmpty());

    failing.failing = false;
    eventually("delivered once the store works again", () -> status(id, 0) == Status.DELIVERED);
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
  }

  @Test
  void anExpansionThatCannotBeQueuedIsDeferredAndQueuedOnALaterAttempt() {
    h.accounts("a@local.test", "b@local.test");
    h.alias("pair@local.test", "a@local.test", "b@local.test");
    h.spoolFaults.refuseCommits = true;
    String body = message("pair");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "pair@local.test"), body);
    h.start(options(FAST));

    eventually("deferred", () -> status(id, 0) == Status.DEFERRED);
    assertEquals("451 4.3.0 <pair@local.test>: could not queue the expanded message, will retry",
        state(id, 0).lastReply());
    assertEquals(1L, await(h.spool.count()), "no half-written expansion is queued");

    h.spoolFaults.refuseCommits = false;
    eventually("expanded", () -> status(id, 0) == Status.DELIVERED);
    QueueId expansion = queuedAs(state(id, 0).lastReply());
    eventually("delivered", () -> status(expansion, 0) == Status.DELIVERED && status(expansion, 1) == Status.DELIVERED);
    String expanded = "Delivered-To: pair@local.test\r\n" + body;
    assertEquals(List.of(stored(SENDER, "a@local.test", expanded)), h.inbox("a@local.test"));
    assertEquals(List.of(stored(SENDER, "b@local.test", expanded)), h.inbox("b@local.test"));
  }

  @Test
  void anUnreadableBodyDefersEveryLocalRecipientButStillFailsUnknownOnes() {
    h.accounts("bob@local.test");
    h.spoolFaults.refuseBodies = true;
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test", "nobody@local.test"), message("lost"));
    h.start(options(SLOW).withBounces(false));

    eventually("settled", () -> status(id, 0) == Status.DEFERRED && status(id, 1) == Status.FAILED);
    assertEquals("451 4.3.0 message unreadable from the queue, will retry", state(id, 0).lastReply());
    assertFalse(state(id, 0).lastReply().contains("Input/output"));
    assertTrue(h.inbox("bob@local.test").isEmpty());
  }

  @Test
  void fiftyRecipientsOnThisHostShareOneBodyReadAndGetOneCopyEach() {
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      recipients.add("user" + i + "@local.test");
    }
    h.accounts(recipients.toArray(String[]::new));
    String body = message("to everyone");
    QueueId id = h.store(envelope(SENDER, Instant.now(), recipients.toArray(String[]::new)), body);
    h.start(options(SLOW));

    eventually("all delivered", () -> entry(id).recipients().stream().allMatch(r -> r.status() == Status.DELIVERED));
    assertEquals(1, h.bodyOpens(id), "the body is read once for the whole pass");
    for (String r : recipients) {
      assertEquals(List.of(stored(SENDER, r, body)), h.inbox(r));
    }
  }

  @Test
  void anAccountAndAnAliasOfItInOneMessageGetOneCopy() {
    h.accounts("bob@local.test");
    h.alias("robert@local.test", "bob@local.test");
    h.alias("bobby@other.test", "bob@local.test");
    String body = message("twice over");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test", "robert@local.test", "bobby@other.test"),
        body);
    h.start(options(SLOW));

    eventually("all delivered", () -> entry(id).recipients().stream().allMatch(r -> r.status() == Status.DELIVERED));
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
    long duplicates = entry(id).recipients().stream()
        .filter(r -> r.lastReply().contains("duplicate of <") && r.lastReply().contains("delivered once to <bob@local.test>"))
        .count();
    assertEquals(2, duplicates, entry(id).recipients().toString());
  }

  @Test
  void aMessageAboveTheInMemoryLimitIsStreamedToEveryMailboxAndExpansion() {
    h.accounts("a@local.test", "b@local.test", "c@local.test", "d@local.test");
    h.alias("pair@local.test", "c@local.test", "d@local.test");
    StringBuilder big = new StringBuilder(message("large"));
    for (int i = 0; big.length() < 300 * 1024; i++) {
      big.append("line ").append(i).append(" of a long message, with enough text to need a few pieces\r\n");
    }
    String body = big.toString();
    QueueId id = h.store(envelope(SENDER, Instant.now(), "a@local.test", "b@local.test", "pair@local.test"), body);
    h.start(options(SLOW).withLocal(LocalDeliveryOptions.defaults().withMaxBodyInMemory(4096)));

    eventually("delivered", () -> entry(id).recipients().stream().allMatch(r -> r.status() == Status.DELIVERED));
    // one read of the header block, one stream per mailbox, one for the expansion
    assertEquals(1 + 2 + 1, h.bodyOpens(id));
    assertEquals(List.of(stored(SENDER, "a@local.test", body)), h.inbox("a@local.test"));
    assertEquals(List.of(stored(SENDER, "b@local.test", body)), h.inbox("b@local.test"));
    QueueId expansion = queuedAs(state(id, 2).lastReply());
    eventually("the expansion is delivered", () -> status(expansion, 0) == Status.DELIVERED
        && status(expansion, 1) == Status.DELIVERED);
    String expanded = "Delivered-To: pair@local.test\r\n" + body;
    assertEquals(List.of(stored(SENDER, "c@local.test", expanded)), h.inbox("c@local.test"));
    assertEquals(List.of(stored(SENDER, "d@local.test", expanded)), h.inbox("d@local.test"));
  }

  @Test
  void localAndRemoteRecipientsOfOneMessageEachGoTheirWay() {
    h.accounts("bob@local.test");
    h.domain("remote.test", (r, n) -> Outcome.DELIVERED);
    String body = message("mixed");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "x@remote.test", "bob@local.test", "nobody@local.test"), body);
    h.start(options(SLOW));

    eventually("bounced", () -> h.dsns().size() == 1);
    assertEquals(List.of(Status.DELIVERED, Status.DELIVERED, Status.FAILED),
        entry(id).recipients().stream().map(QueueEntry.RecipientState::status).toList());
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
    SchedulerHarness.Delivery remote = single(h.to("remote.test"));
    assertEquals(List.of("x@remote.test"), remote.recipients());
    assertEquals(body, remote.body(), "the remote copy carries no local header lines");
    assertEquals("rfc822; nobody@local.test", singleDsnBlock().get("final-recipient"));
  }

  @Test
  void aRestartBetweenPassesDeliversTheLocalCopyExactlyOnce() {
    RetryPolicy retry = new RetryPolicy(Duration.ofMillis(300), 2.0, Duration.ofSeconds(5), 0.0, Duration.ofDays(5));
    h.accounts("bob@local.test");
    h.domain("later.test", (r, n) -> n == 1 ? Outcome.DEFERRED : Outcome.DELIVERED);
    String body = message("restart");
    QueueId id = h.store(envelope(SENDER, Instant.now(), "bob@local.test", "x@later.test"), body);
    h.start(options(retry));
    eventually("first pass recorded", () -> status(id, 0) == Status.DELIVERED && status(id, 1) == Status.DEFERRED);

    h.restart(options(retry));
    eventually("the deferred recipient is delivered by the new scheduler", () -> await(h.spool.count()) == 0);
    await(h.scheduler.stop());
    assertEquals(List.of(stored(SENDER, "bob@local.test", body)), h.inbox("bob@local.test"));
    assertEquals(2, h.to("later.test").size());
  }

  private static <T> T single(List<T> list) {
    assertEquals(1, list.size(), "expected exactly one: " + list);
    return list.get(0);
  }
}
