package dev.tern.load.imap;

import dev.tern.load.mailbox.NoteSample;

import java.util.concurrent.atomic.LongAdder;

/** How the connections of an idle hold fared, counted from every event loop. */
final class IdleTally {

  private final LongAdder reachedIdle = new LongAdder();
  private final LongAdder failedToOpen = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final NoteSample errors = new NoteSample();

  void idleReached() {
    reachedIdle.increment();
  }

  void failedToOpen(String why) {
    failedToOpen.increment();
    errors.add("open: " + why);
  }

  void dropped(String why) {
    dropped.increment();
    errors.add("dropped: " + why);
  }

  long reachedIdle() {
    return reachedIdle.sum();
  }

  long failedToOpen() {
    return failedToOpen.sum();
  }

  long dropped() {
    return dropped.sum();
  }

  /** Connections that reached IDLE and are still there. */
  long idling() {
    return reachedIdle() - dropped();
  }

  NoteSample errors() {
    return errors;
  }
}
