package dev.tern.delivery.scheduler;

import dev.tern.delivery.Claim.ClaimedRecipient;
import dev.tern.delivery.QueueEntry.Status;

/**
 * What one attempt found for one recipient, before backoff and expiry turn it into the outcome to record.
 *
 * @param recipient the claimed recipient
 * @param status    DELIVERED, DEFERRED or FAILED
 * @param reply     the reply or local diagnostic
 * @param remoteMta the host that answered, or null
 * @param remoteIp  its address, or null
 * @param tls       the TLS version used, or null
 */
record AttemptResult(ClaimedRecipient recipient, Status status, String reply, String remoteMta, String remoteIp,
                     String tls) {

  static AttemptResult local(ClaimedRecipient recipient, Status status, String reply) {
    return new AttemptResult(recipient, status, reply, null, null, null);
  }
}
