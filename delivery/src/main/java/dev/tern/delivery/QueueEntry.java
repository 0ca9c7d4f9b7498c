package dev.tern.delivery;

import java.util.List;

/**
 * What the spool knows of one message, for the admin API and `tern queue`.
 *
 * @param id         the queue id
 * @param envelope   the envelope as accepted
 * @param size       stored body size in bytes (with the trace header)
 * @param recipients per-recipient state, in envelope order
 */
public record QueueEntry(QueueId id, Envelope envelope, long size, List<RecipientState> recipients) {

  public QueueEntry {
    recipients = List.copyOf(recipients);
  }

  /**
   * @param recipient     the forward-path
   * @param status        where it stands
   * @param attempts      delivery attempts made so far
   * @param nextAttemptAt epoch milliseconds of the next attempt, 0 when final
   * @param lastReply     the last SMTP reply or error text, empty before the first attempt
   */
  public record RecipientState(String recipient, Status status, int attempts, long nextAttemptAt, String lastReply) {}

  public enum Status { QUEUED, DEFERRED, DELIVERED, FAILED }
}
