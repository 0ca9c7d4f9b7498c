package dev.tern.delivery;

import io.vertx.core.Future;

import java.util.List;

/**
 * What an operator may do to the queue (`tern queue`, the admin API). Every change is written to the journal and
 * fsynced before its future completes, like a delivery outcome. Recipients that a delivery attempt holds at that
 * moment are left to it by the rescheduling calls; the failing call fails them anyway, and the attempt's own outcome
 * is then refused by {@link DeliveryQueue#record}.
 *
 * <p>Kept apart from {@link Spool} so that the relay's view and its test doubles stay as they are.
 */
public interface QueueOperations {

  /** Up to {@code limit} queued (not final) messages that match the filter, oldest first. */
  Future<List<QueueEntry>> list(QueueFilter filter, int limit);

  /**
   * Makes every non-final recipient that is not being delivered right now due at {@code atMillis}; the attempt
   * count and last reply stay. Completes with the number of recipients changed.
   */
  Future<Integer> rescheduleAll(long atMillis);

  /**
   * The same for one message. Fails with {@link java.util.NoSuchElementException} for an unknown id and with
   * {@link IllegalStateException} when the message is already final.
   */
  Future<Integer> reschedule(QueueId id, long atMillis);

  /**
   * Fails every non-final recipient of one message with this reply, without counting an attempt. Completes with the
   * envelope indexes of the recipients it failed. Fails with {@link java.util.NoSuchElementException} for an unknown
   * id and with {@link IllegalStateException} when the message is already final.
   */
  Future<List<Integer>> failRemaining(QueueId id, String reply);
}
