package dev.tern.delivery;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * The durable store-and-forward queue as the relay and operators see it. Relay side: {@link #begin}
 * and {@link #health}. Admin side: {@link #count}, {@link #list}, {@link #find}, {@link #openBody}.
 * The scheduler's side is {@link DeliveryQueue}, which every backend implements as well.
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
   * Opens the stored body of a message that is not final as a stream read from disk in bounded
   * pieces. The stream closes its file when it ends; call {@link BodyStream#close} when abandoning
   * it earlier.
   */
  Future<BodyStream> openBody(QueueId id);

  /** Flushes and closes; every commit that completed before stays durable. */
  Future<Void> close();
}
