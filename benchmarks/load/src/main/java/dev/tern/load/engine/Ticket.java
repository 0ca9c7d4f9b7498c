package dev.tern.load.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/** One issued operation until it is accounted for; whoever ends it first (outcome, timeout, drain) wins. */
final class Ticket {

  final long index;
  final long intendedStartNanos;
  private final AtomicBoolean ended = new AtomicBoolean();

  Ticket(long index, long intendedStartNanos) {
    this.index = index;
    this.intendedStartNanos = intendedStartNanos;
  }

  /** True exactly once: for the caller that gets to account for this operation. */
  boolean end() {
    return ended.compareAndSet(false, true);
  }

  boolean ended() {
    return ended.get();
  }

  Operation operation() {
    return new Operation(index, intendedStartNanos);
  }
}
