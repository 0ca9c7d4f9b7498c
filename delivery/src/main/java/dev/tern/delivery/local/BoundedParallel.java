package dev.tern.delivery.local;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/** Runs asynchronous tasks with at most {@code limit} of them unfinished at any time; the rest wait in order. */
final class BoundedParallel {

  private final int limit;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  BoundedParallel(int limit) {
    this.limit = limit;
  }

  <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    Runnable start = () -> {
      Future<T> started;
      try {
        started = task.get();
      } catch (RuntimeException e) {
        started = Future.failedFuture(e);
      }
      started.onComplete(done -> {
        finished();
        promise.handle(done);
      });
    };
    boolean now;
    synchronized (this) {
      now = running < limit;
      if (now) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return promise.future();
  }

  private void finished() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
