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
 */
public record RecipientOutcome(QueueId id, int recipientIndex, QueueEntry.Status status, String reply, long nextAttemptAt) {

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

  public boolean isFinal() {
    return status != QueueEntry.Status.DEFERRED;
  }
}
