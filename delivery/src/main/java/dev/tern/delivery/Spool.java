package dev.tern.delivery;

/**
 * The durable store-and-forward queue. The relay side of the contract is here; the scheduler side
 * (claiming due work, recording outcomes, reading bodies) is added by the backend work in the same
 * interface.
 */
public interface Spool {

  /** Starts a new message for this envelope. */
  Intake begin(Envelope envelope);

  /** Whether new mail can be taken now. Cheap; called at every MAIL. */
  SpoolHealth health();
}
