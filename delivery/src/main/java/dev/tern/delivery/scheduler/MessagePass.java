package dev.tern.delivery.scheduler;

import dev.tern.delivery.Claim;
import dev.tern.delivery.Claim.ClaimedRecipient;
import dev.tern.delivery.DeliveryQueue;
import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.RecipientOutcome;
import dev.tern.delivery.local.LocalDelivery;
import dev.tern.delivery.local.LocalPass;
import dev.tern.delivery.local.PassHeaders;
import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.OutboundMessage;
import dev.tern.delivery.route.OutboundTransport;
import io.vertx.core.Future;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the claimed recipients of one message: each recipient domain is routed and delivered on its own
 * (five domains, five independent deliveries), and each domain's outcomes are recorded durably as soon as they are
 * known. Local domains go to {@link LocalDelivery}, through one {@link LocalPass} for all of them, so the message is
 * read once and each mailbox gets one copy. When the pass is over, the failures of the whole pass go to the sender
 * in one DSN (and delay warnings in another), after their outcomes are recorded.
 */
final class MessagePass {

  private static final Logger LOG = System.getLogger("dev.tern.delivery.attempt");

  private final Claim claim;
  private final DeliveryQueue queue;
  private final Router router;
  private final OutboundTransport transport;
  private final LocalDelivery localDelivery;
  private final OutcomePolicy policy;
  private final SchedulerMetrics metrics;
  private final Notifier notifier;
  private final boolean wantsDsn;
  private final Notifier.Collected dsns = new Notifier.Collected();
  private LocalPass localPass;

  MessagePass(Claim claim, DeliveryQueue queue, Router router, OutboundTransport transport,
              LocalDelivery localDelivery, OutcomePolicy policy, SchedulerMetrics metrics, Notifier notifier) {
    this.claim = claim;
    this.queue = queue;
    this.router = router;
    this.transport = transport;
    this.localDelivery = localDelivery;
    this.policy = policy;
    this.metrics = metrics;
    this.notifier = notifier;
    this.wantsDsn = notifier.wants(claim.envelope());
  }

  /** Completes when every claimed recipient has an outcome recorded (or was given back) and the DSNs are queued. */
  Future<Void> run() {
    Map<String, List<ClaimedRecipient>> byDomain = new LinkedHashMap<>();
    for (ClaimedRecipient r : claim.recipients()) {
      byDomain.computeIfAbsent(QueueFilter.domainOf(r.address()), d -> new ArrayList<>()).add(r);
    }
    List<Future<Void>> domains = new ArrayList<>(byDomain.size());
    byDomain.forEach((domain, recipients) -> domains.add(attempt(domain, recipients).compose(this::settle)));
    return Future.join(domains)
        .transform(ignored -> notifier.send(claim.id(), claim.envelope(), dsns))
        .eventually(() -> {
          // Whatever has no outcome (the spool refused the record) becomes claimable again.
          queue.release(claim);
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private Future<List<AttemptResult>> attempt(String domain, List<ClaimedRecipient> recipients) {
    long start = System.nanoTime();
    return router.route(domain)
        .compose(route -> deliver(route, recipients))
        .recover(e -> {
          LOG.log(Level.WARNING, "delivery of {0} to {1} failed unexpectedly: {2}", claim.id(), domain, e.toString());
          return Future.succeededFuture(all(recipients, Status.DEFERRED, "451 4.3.0 local error: " + e.getMessage()));
        })
        .onComplete(done -> metrics.attempt(start));
  }

  private Future<List<AttemptResult>> deliver(Route route, List<ClaimedRecipient> recipients) {
    if (route instanceof Route.Local) {
      return localPass().deliver(recipients).map(results -> results.stream()
          .map(r -> AttemptResult.localDelivery(r.recipient(), r.status(), r.reply()))
          .toList());
    }
    if (route instanceof Route.Unroutable u) {
      return Future.succeededFuture(all(recipients, u.permanent() ? Status.FAILED : Status.DEFERRED, u.reply()));
    }
    Route.Remote remote = (Route.Remote) route;
    List<String> addresses = recipients.stream().map(ClaimedRecipient::address).toList();
    OutboundMessage message = OutboundMessage.of(claim.id(), claim.envelope(), addresses, claim.size(),
        () -> notifier.spool().openBody(claim.id()));
    return transport.deliver(remote.destination(), message).map(report -> fromReport(recipients, report));
  }

  /** One local pass for every local domain of the message, sharing the DSN's header block. */
  private LocalPass localPass() {
    if (localPass == null) {
      localPass = localDelivery.pass(claim, new PassHeaders() {
        @Override
        public Future<byte[]> read() {
          return dsns.headers(notifier, claim.id());
        }

        @Override
        public void offer(byte[] block) {
          if (dsns.headers == null) {
            dsns.headers = Future.succeededFuture(block);
          }
        }
      });
    }
    return localPass;
  }

  private List<AttemptResult> fromReport(List<ClaimedRecipient> recipients, DeliveryReport report) {
    if (report.results().size() != recipients.size()) {
      throw new IllegalStateException("the transport reported " + report.results().size() + " results for "
          + recipients.size() + " recipients");
    }
    List<AttemptResult> results = new ArrayList<>(recipients.size());
    for (int i = 0; i < recipients.size(); i++) {
      DeliveryReport.RecipientResult r = report.results().get(i);
      Status status = switch (r.outcome()) {
        case DELIVERED -> Status.DELIVERED;
        case DEFERRED -> Status.DEFERRED;
        case FAILED -> Status.FAILED;
      };
      results.add(new AttemptResult(recipients.get(i), status, r.reply(), report.remoteHost(), report.remoteIp(),
          report.tlsVersion()));
    }
    return results;
  }

  private static List<AttemptResult> all(List<ClaimedRecipient> recipients, Status status, String reply) {
    return recipients.stream().map(r -> AttemptResult.diagnostic(r, status, reply)).toList();
  }

  /** Records one domain's outcomes; the original headers are read first if a DSN may need them (see Notifier). */
  private Future<Void> settle(List<AttemptResult> results) {
    long now = System.currentTimeMillis();
    long arrived = OutcomePolicy.arrivedAt(claim.envelope(), claim.id(), now);
    List<RecipientOutcome> outcomes = new ArrayList<>(results.size());
    for (AttemptResult result : results) {
      outcomes.add(policy.outcome(claim.id(), result, arrived, now, wantsDsn));
    }
    boolean dsnLikely = wantsDsn && outcomes.stream().anyMatch(o -> o.status() == Status.FAILED || o.delayWarned());
    Future<Void> ready = dsnLikely ? dsns.headers(notifier, claim.id()).mapEmpty() : Future.succeededFuture();
    return ready.compose(v -> record(outcomes))
        .map(recorded -> {
          for (int i = 0; i < results.size(); i++) {
            if (recorded.contains(outcomes.get(i))) {
              done(results.get(i), outcomes.get(i), now);
            }
          }
          return null;
        });
  }

  /** Records all outcomes at once; when that is refused, one by one, so one already-final recipient blocks no other. */
  private Future<List<RecipientOutcome>> record(List<RecipientOutcome> outcomes) {
    return queue.record(outcomes).map(v -> outcomes).recover(all -> {
      if (outcomes.size() == 1) {
        LOG.log(Level.WARNING, "outcome for recipient {0} of {1} not recorded: {2}", outcomes.get(0).recipientIndex(),
            claim.id(), all.toString());
        return Future.succeededFuture(List.of());
      }
      List<Future<List<RecipientOutcome>>> each = outcomes.stream().map(o -> record(List.of(o))).toList();
      return Future.join(each).map(joined -> each.stream().flatMap(f -> f.result().stream()).toList());
    });
  }

  private void done(AttemptResult result, RecipientOutcome outcome, long now) {
    String address = result.recipient().address();
    metrics.result(outcome.status(), QueueFilter.domainOf(address));
    LOG.log(outcome.status() == Status.DELIVERED ? Level.INFO : Level.WARNING,
        "queue_id={0} rcpt=<{1}> result={2} attempt={3} host={4} ip={5} tls={6} reply=\"{7}\"{8}", claim.id(), address,
        outcome.status().name().toLowerCase(java.util.Locale.ROOT), result.recipient().attempts() + 1,
        result.logHost(), orDash(result.remoteIp()), orDash(result.tls()), outcome.reply(),
        outcome.status() == Status.DEFERRED ? " next=" + Instant.ofEpochMilli(outcome.nextAttemptAt()) : "");
    if (!wantsDsn) {
      return;
    }
    if (outcome.status() == Status.FAILED) {
      dsns.failed(address, outcome.reply(), result.remoteMta(), now);
    } else if (outcome.delayWarned()) {
      dsns.delayed(address, outcome.reply(), result.remoteMta(), now);
    }
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
