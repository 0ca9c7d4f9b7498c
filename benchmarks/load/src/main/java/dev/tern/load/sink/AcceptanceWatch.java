package dev.tern.load.sink;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Futures that complete when the number of accepted messages reaches a target (`--exit-after`, tests). The hot path
 * reads one volatile long; the list is only touched when a target is reached or added.
 */
final class AcceptanceWatch {

  private record Target(long count, Promise<Void> promise) {}

  private final List<Target> targets = new ArrayList<>();
  private final LongSupplier accepted;
  private volatile long nearest = Long.MAX_VALUE;

  AcceptanceWatch(LongSupplier accepted) {
    this.accepted = accepted;
  }

  /** Completes once {@code count} messages were accepted (at once when they already were). */
  synchronized Future<Void> whenReached(long count) {
    Promise<Void> promise = Promise.promise();
    targets.add(new Target(count, promise));
    nearest = Math.min(nearest, count);
    // Read after publishing the target: an acceptance racing with this call is seen either here or by reached().
    completeUpTo(accepted.getAsLong());
    return promise.future();
  }

  /** Called with the new total after every acceptance. */
  void reached(long total) {
    if (total >= nearest) {
      completeUpTo(total);
    }
  }

  private synchronized void completeUpTo(long total) {
    long next = Long.MAX_VALUE;
    for (Iterator<Target> it = targets.iterator(); it.hasNext(); ) {
      Target target = it.next();
      if (target.count() <= total) {
        it.remove();
        target.promise().tryComplete();
      } else {
        next = Math.min(next, target.count());
      }
    }
    nearest = next;
  }
}
