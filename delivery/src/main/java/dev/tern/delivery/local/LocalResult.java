package dev.tern.delivery.local;

import dev.tern.delivery.Claim.ClaimedRecipient;
import dev.tern.delivery.QueueEntry.Status;

/**
 * What local delivery found for one recipient.
 *
 * @param recipient the claimed recipient
 * @param status    DELIVERED, DEFERRED or FAILED
 * @param reply     an SMTP-style reply for the journal, the log and a DSN
 */
public record LocalResult(ClaimedRecipient recipient, Status status, String reply) {}
