package dev.tern.ops.server;

import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.delivery.DeliveryQueue;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.QueueOperations;
import dev.tern.delivery.Spool;
import dev.tern.delivery.route.OutboundTransport;
import dev.tern.delivery.route.dns.DnsMxResolver;
import dev.tern.delivery.route.smtp.SmtpOutboundTransport;
import dev.tern.delivery.scheduler.DeliveryScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Outbound delivery as `tern serve` runs it: dnsjava MX resolution, the pooled SMTP client and the scheduler over
 * the spool, all on the one Vert.x instance and meter registry.
 */
final class SchedulerDelivery implements DeliveryService {

  private static final System.Logger LOG = System.getLogger(SchedulerDelivery.class.getName());
  /** After the transport closed, how long to wait for the passes it released to record their outcomes. */
  private static final Duration AFTER_CLOSE = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final OutboundTransport transport;
  private final DeliveryScheduler scheduler;

  private <S extends Spool & DeliveryQueue & QueueOperations> SchedulerDelivery(
      Vertx vertx, S spool, AccountStore accounts, MailboxStore mailboxes, DeliverySettings settings,
      MeterRegistry meters) {
    this.vertx = vertx;
    this.transport = new SmtpOutboundTransport(vertx, settings.outbound(), meters);
    this.scheduler = new DeliveryScheduler(vertx, spool, accounts, mailboxes,
        new DnsMxResolver(vertx, settings.dns(), meters),
        transport, settings.scheduler(), meters);
  }

  static <S extends Spool & DeliveryQueue & QueueOperations> SchedulerDelivery create(
      Vertx vertx, S spool, AccountStore accounts, MailboxStore mailboxes, DeliverySettings settings,
      MeterRegistry meters) {
    return new SchedulerDelivery(vertx, spool, accounts, mailboxes, settings, meters);
  }

  @Override
  public Future<Void> start() {
    return scheduler.start();
  }

  @Override
  public Future<Void> stop(Duration grace) {
    Future<Void> drained = scheduler.stop();
    return within(drained, grace)
        .transform(v -> transport.close())
        .transform(v -> within(drained, AFTER_CLOSE))
        .onComplete(v -> {
          if (!drained.isComplete()) {
            LOG.log(System.Logger.Level.WARNING, "deliveries still in flight at shutdown; their recipients stay"
                + " queued and are tried again after a restart");
          }
        })
        .mapEmpty();
  }

  /** Completes when {@code f} does or after {@code limit}, whichever comes first; never fails. */
  private Future<Void> within(Future<Void> f, Duration limit) {
    if (f.isComplete()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    Timer timer = vertx.timer(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    timer.onComplete(t -> done.tryComplete());
    f.onComplete(ar -> {
      timer.cancel();
      done.tryComplete();
    });
    return done.future();
  }

  @Override
  public Future<List<QueueEntry>> list(QueueFilter filter, int limit) {
    return scheduler.list(filter, limit);
  }

  @Override
  public Future<Integer> flush() {
    return scheduler.flush();
  }

  @Override
  public Future<Integer> retry(QueueId id) {
    return scheduler.retry(id);
  }

  @Override
  public Future<Integer> delete(QueueId id) {
    return scheduler.delete(id);
  }

  @Override
  public Future<Integer> bounce(QueueId id) {
    return scheduler.bounce(id);
  }
}
