package dev.tern.delivery.scheduler;

import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.RecipientOutcome;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an attempt's result into the outcome to record: a deferral gets its next attempt time from the
 * {@link RetryPolicy}, becomes a failure once the message is older than the maximum lifetime, and carries the
 * delay-warning mark when a warning is due with it.
 */
final class OutcomePolicy {

  private final SchedulerOptions options;

  OutcomePolicy(SchedulerOptions options) {
    this.options = options;
  }

  /**
   * @param wantsDsn whether the message may get DSNs at all (non-null sender, bounces on)
   */
  RecipientOutcome outcome(QueueId id, AttemptResult result, long arrivedAt, long now, boolean wantsDsn) {
    int index = result.recipient().index();
    return switch (result.status()) {
      case DELIVERED -> RecipientOutcome.delivered(id, index, result.reply());
      case FAILED, QUEUED -> RecipientOutcome.failed(id, index, result.reply());
      case DEFERRED -> deferral(id, result, arrivedAt, now, wantsDsn);
    };
  }

  private RecipientOutcome deferral(QueueId id, AttemptResult result, long arrivedAt, long now, boolean wantsDsn) {
    int index = result.recipient().index();
    RetryPolicy retry = options.retry();
    if (retry.expired(arrivedAt, now)) {
      return RecipientOutcome.failed(id, index, "451 4.4.7 message expired after " + human(retry.maxLifetime())
          + " in the queue; last reply: " + result.reply());
    }
    long next = now + retry.delayMillis(result.recipient().attempts() + 1, ThreadLocalRandom.current().nextDouble());
    RecipientOutcome outcome = new RecipientOutcome(id, index, Status.DEFERRED, result.reply(), next);
    Duration warnAfter = options.delayWarningAfter();
    if (wantsDsn && warnAfter != null && !result.recipient().delayWarned() && now - arrivedAt >= warnAfter.toMillis()) {
      return outcome.withDelayWarning();
    }
    return outcome;
  }

  /** When the message arrived: its envelope's time, else the time in its queue id. */
  static long arrivedAt(dev.tern.delivery.Envelope envelope, QueueId id, long now) {
    if (envelope.receivedAt() != null) {
      return envelope.receivedAt().toEpochMilli();
    }
    try {
      return Long.parseLong(id.value().substring(0, 12), 16);
    } catch (RuntimeException e) {
      return now;
    }
  }

  private static String human(Duration d) {
    if (d.toDays() > 0 && d.toHours() % 24 == 0) {
      return d.toDays() + " days";
    }
    if (d.toMinutes() > 0 && d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " minutes";
    }
    return d.toMillis() + " ms";
  }
}
