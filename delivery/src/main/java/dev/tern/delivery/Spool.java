package dev.tern.delivery;

import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable store-and-forward queue. Relay side: {@link #begin} and {@link #health}. Admin side:
 * {@link #count}, {@link #list}, {@link #find}. Scheduler side: {@link #claimDue}, {@link #release},
 * {@link #record}, {@link #openBody}, {@link #nextDueAt} and {@link #onCommitted}.
 *
 * <p>Every future completes on the Vert.x context of the caller (or on a fresh context when the
 * caller is not on one).
 */
public interface Spool {

  /**
   * Starts a new message for this envelope. Never fails here: when the spool cannot take mail, the
   * intake's writes and its commit fail with {@link SpoolUnavailableException}.
   */
  Intake begin(Envelope envelope);

  /** Whether new mail can be taken now. Cheap; called at every MAIL. */
  SpoolHealth health();

  /** Messages that still have at least one recipient that is not final. */
  Future<Long> count();

  /** Up to {@code limit} queued (not final) messages, oldest first. */
  Future<List<QueueEntry>> list(int limit);

  /** One message by id, final or not, while the spool still knows it. */
  Future<Optional<QueueEntry>> find(QueueId id);

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

  /**
   * Opens the stored body of a message that is not final as a stream read from disk in bounded
   * pieces. The stream closes its file when it ends; call {@link BodyStream#close} when abandoning
   * it earlier.
   */
  Future<BodyStream> openBody(QueueId id);

  /** The earliest next attempt among unclaimed, non-final recipients, empty when there is none. */
  Future<Optional<Instant>> nextDueAt();

  /**
   * Adds a handler called with the id of every message committed from now on, on the context that
   * was current when the handler was added. Lets the scheduler wake up instead of polling.
   */
  void onCommitted(Handler<QueueId> handler);

  /** Flushes and closes; every commit that completed before stays durable. */
  Future<Void> close();
}
