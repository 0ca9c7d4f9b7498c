package dev.tern.delivery;

import java.util.List;

/**
 * Recipients of one message handed to the scheduler by {@link Spool#claimDue}; held until each has an
 * outcome or the claim is released.
 *
 * @param id         the message
 * @param envelope   its envelope
 * @param size       stored body size in bytes
 * @param recipients the claimed recipients, in envelope order
 */
public record Claim(QueueId id, Envelope envelope, long size, List<ClaimedRecipient> recipients) {

  public Claim {
    recipients = List.copyOf(recipients);
  }

  /**
   * @param index     position in {@link Envelope#recipients()}; the key for {@link RecipientOutcome}
   * @param address   the forward-path
   * @param attempts  attempts made before this one
   * @param lastReply the reply of the previous attempt, empty before the first
   * @param delayWarned a delay warning was already sent for this recipient
   */
  public record ClaimedRecipient(int index, String address, int attempts, String lastReply, boolean delayWarned) {

    public ClaimedRecipient(int index, String address, int attempts, String lastReply) {
      this(index, address, attempts, lastReply, false);
    }
  }
}
