package dev.tern.delivery.scheduler;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import dev.tern.delivery.dsn.BounceSender;
import dev.tern.delivery.dsn.DeliveryStatusNotification;
import dev.tern.delivery.dsn.DsnRecipient;
import dev.tern.delivery.dsn.OriginalHeaders;
import io.vertx.core.Future;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the DSNs of a pass. The original headers are read from the stored body before the failing outcomes are
 * recorded, because recording the last open recipient makes the message final and its body goes away; the DSN
 * itself is queued only after the outcomes are durable, so a crash in between loses that DSN but never reports
 * something the journal does not hold.
 */
final class Notifier {

  private static final Logger LOG = System.getLogger(Notifier.class.getName());

  private final Spool spool;
  private final BounceSender sender;
  private final SchedulerOptions options;
  private final SchedulerMetrics metrics;

  Notifier(Spool spool, SchedulerOptions options, SchedulerMetrics metrics) {
    this.spool = spool;
    this.sender = new BounceSender(spool);
    this.options = options;
    this.metrics = metrics;
  }

  Spool spool() {
    return spool;
  }

  /** Whether failures of this message are reported: bounces are on and the sender is not null. */
  boolean wants(Envelope envelope) {
    return options.bounces() && !envelope.nullSender();
  }

  /** The original header block, or null when it cannot be read (the DSN says so then). */
  Future<byte[]> readHeaders(QueueId id) {
    return spool.openBody(id)
        .compose(body -> OriginalHeaders.read(body, OriginalHeaders.DEFAULT_MAX_BYTES))
        .otherwise(e -> {
          LOG.log(Level.WARNING, "original headers of {0} unreadable for its DSN: {1}", id, e.toString());
          return null;
        });
  }

  /** Queues the collected DSNs (at most one failed, one delayed); never fails. */
  Future<Void> send(QueueId id, Envelope envelope, Collected collected) {
    if (envelope.nullSender() || (collected.failed.isEmpty() && collected.delayed.isEmpty())) {
      return Future.succeededFuture();
    }
    Future<byte[]> headers = collected.headers != null ? collected.headers : readHeaders(id);
    return headers.compose(h -> {
      List<Future<?>> sent = new ArrayList<>(2);
      if (!collected.failed.isEmpty()) {
        sent.add(send(new DeliveryStatusNotification(options.hostname(), id, envelope, collected.failed, h,
            Instant.now()), true));
      }
      if (!collected.delayed.isEmpty()) {
        sent.add(send(new DeliveryStatusNotification(options.hostname(), id, envelope, collected.delayed, h,
            Instant.now()), false));
      }
      return Future.join(sent);
    }).otherwiseEmpty().mapEmpty();
  }

  private Future<QueueId> send(DeliveryStatusNotification dsn, boolean failed) {
    return sender.send(dsn).onSuccess(dsnId -> metrics.bounce(failed));
  }

  /** The DSN material gathered over one pass, on the pass's context. */
  static final class Collected {
    final List<DsnRecipient> failed = new ArrayList<>();
    final List<DsnRecipient> delayed = new ArrayList<>();
    Future<byte[]> headers;

    Future<byte[]> headers(Notifier notifier, QueueId id) {
      if (headers == null) {
        headers = notifier.readHeaders(id);
      }
      return headers;
    }

    void failed(String address, String reply, String remoteMta, long at) {
      failed.add(new DsnRecipient(address, DsnRecipient.Action.FAILED, reply, remoteMta, Instant.ofEpochMilli(at)));
    }

    void delayed(String address, String reply, String remoteMta, long at) {
      delayed.add(new DsnRecipient(address, DsnRecipient.Action.DELAYED, reply, remoteMta, Instant.ofEpochMilli(at)));
    }
  }
}
