package dev.tern.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of one delivery attempt for one recipient, as given to {@link Spool#record}.
 *
 * @param id             the message
 * @param recipientIndex position in the envelope's recipients
 * @param status         DELIVERED or FAILED (final) or DEFERRED (try again)
 * @param reply          the SMTP reply or error text
 * @param nextAttemptAt  epoch ms of the next attempt when DEFERRED, 0 otherwise
 * @param delayWarned    a delay warning (DSN "Action: delayed") is sent for this recipient with this outcome;
 *                       the spool remembers it so that the warning goes out once
 */
public record RecipientOutcome(QueueId id, int recipientIndex, QueueEntry.Status status, String reply, long nextAttemptAt,
                               boolean delayWarned) {

  public RecipientOutcome(QueueId id, int recipientIndex, QueueEntry.Status status, String reply, long nextAttemptAt) {
    this(id, recipientIndex, status, reply, nextAttemptAt, false);
  }

  public RecipientOutcome {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    reply = reply == null ? "" : reply;
    if (recipientIndex < 0) {
      throw new IllegalArgumentException("negative recipient index");
    }
    if (status == QueueEntry.Status.QUEUED) {
      throw new IllegalArgumentException("QUEUED is not an outcome");
    }
    if (status == QueueEntry.Status.DEFERRED && nextAttemptAt <= 0) {
      throw new IllegalArgumentException("a deferral needs a next attempt time");
    }
    if (status != QueueEntry.Status.DEFERRED && nextAttemptAt != 0) {
      throw new IllegalArgumentException("a final outcome has no next attempt");
    }
  }

  public static RecipientOutcome delivered(QueueId id, int recipientIndex, String reply) {
    return new RecipientOutcome(id, recipientIndex, QueueEntry.Status.DELIVERED, reply, 0);
  }

  public static RecipientOutcome deferred(QueueId id, int recipientIndex, String reply, Instant nextAttemptAt) {
    return new RecipientOutcome(id, recipientIndex, QueueEntry.Status.DEFERRED, reply, nextAttemptAt.toEpochMilli());
  }

  public static RecipientOutcome failed(QueueId id, int recipientIndex, String reply) {
    return new RecipientOutcome(id, recipientIndex, QueueEntry.Status.FAILED, reply, 0);
  }

  /** This outcome, marking that a delay warning goes out with it. */
  public RecipientOutcome withDelayWarning() {
    return new RecipientOutcome(id, recipientIndex, status, reply, nextAttemptAt, true);
  }

  public boolean isFinal() {
    return status != QueueEntry.Status.DEFERRED;
  }
}
