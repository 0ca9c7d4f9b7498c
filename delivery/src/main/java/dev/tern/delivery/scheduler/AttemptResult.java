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
 * @param local     the attempt was a local delivery (into a mailbox or re-queued as an expansion)
 */
record AttemptResult(ClaimedRecipient recipient, Status status, String reply, String remoteMta, String remoteIp,
                     String tls, boolean local) {

  AttemptResult(ClaimedRecipient recipient, Status status, String reply, String remoteMta, String remoteIp,
                String tls) {
    this(recipient, status, reply, remoteMta, remoteIp, tls, false);
  }

  /** A result decided here without reaching any host (routing failures, local errors). */
  static AttemptResult diagnostic(ClaimedRecipient recipient, Status status, String reply) {
    return new AttemptResult(recipient, status, reply, null, null, null, false);
  }

  /** The result of local delivery. */
  static AttemptResult localDelivery(ClaimedRecipient recipient, Status status, String reply) {
    return new AttemptResult(recipient, status, reply, null, null, null, true);
  }

  /** The host for the log line: the remote MTA, "local" for local delivery, "-" when none was reached. */
  String logHost() {
    return remoteMta != null ? remoteMta : local ? "local" : "-";
  }
}
