package dev.tern.delivery;

import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's side of the spool: claim what is due, record what happened, wake up on new mail. Kept apart
 * from {@link Spool} so that the relay and the admin API depend only on what they use.
 *
 * <p>Every future completes on the Vert.x context of the caller (or on a fresh context when the caller is not on
 * one).
 */
public interface DeliveryQueue {

  /**
   * Claims up to {@code maxRecipients} recipients that are not final, not already claimed, and whose
   * next attempt is at or before {@code nowMillis} (epoch ms), earliest first, grouped per message. A
   * claimed recipient is not handed out again until an outcome is {@linkplain #record recorded} for
   * it or the claim is {@linkplain #release released}. Claims live in memory only: after a restart
   * every non-final recipient is claimable again.
   */
  Future<List<Claim>> claimDue(long nowMillis, int maxRecipients);

  /** Gives back the recipients of this claim that have no outcome yet; they become due again. */
  void release(Claim claim);

  /**
   * Records delivery outcomes durably: the future completes only after the journal is fsynced. Each
   * outcome counts one attempt and releases the recipient's claim. Fails, recording nothing, when any
   * outcome names an unknown message or recipient or a recipient that is already final.
   */
  Future<Void> record(List<RecipientOutcome> outcomes);

  /** The earliest next attempt among unclaimed, non-final recipients, empty when there is none. */
  Future<Optional<Instant>> nextDueAt();

  /**
   * Adds a handler called with the id of every message committed from now on, on the context that
   * was current when the handler was added. Lets the scheduler wake up instead of polling.
   */
  void onCommitted(Handler<QueueId> handler);
}
