package dev.tern.delivery;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * The durable store-and-forward queue. Relay side: {@link #begin} and {@link #health}. Admin side:
 * {@link #count}, {@link #list}, {@link #find}. The scheduler side (claiming due work, recording
 * per-recipient outcomes, reading bodies as streams) lives in the same interface.
 */
public interface Spool {

  /** Starts a new message for this envelope. */
  Intake begin(Envelope envelope);

  /** Whether new mail can be taken now. Cheap; called at every MAIL. */
  SpoolHealth health();

  /** Messages that still have at least one recipient that is not final. */
  Future<Long> count();

  /** Up to {@code limit} queued (not final) messages, oldest first. */
  Future<List<QueueEntry>> list(int limit);

  /** One message by id, final or not, while the spool still knows it. */
  Future<Optional<QueueEntry>> find(QueueId id);

  /** Flushes and closes; every commit that completed before stays durable. */
  Future<Void> close();
}
