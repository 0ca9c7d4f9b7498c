package dev.tern.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bridges a JMH thread (a plain thread that may block) to Vert.x APIs that must be called from a Vert.x context.
 * Every wait is bounded so that a stuck server fails the benchmark instead of hanging it.
 */
public final class VertxCalls {

  private VertxCalls() {
  }

  /** Starts {@code operation} on {@code context} and blocks the calling (non-Vert.x) thread for its result. */
  public static <T> T callOn(Context context, Supplier<Future<T>> operation, Duration timeout) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> {
      Future<T> started;
      try {
        started = operation.get();
      } catch (RuntimeException e) {
        result.tryFail(e);
        return;
      }
      started.onComplete(result::tryComplete, result::tryFail);
    });
    return await(result.future(), timeout);
  }

  /** Blocks the calling (non-Vert.x) thread until {@code future} completes; rethrows its failure. */
  public static <T> T await(Future<T> future, Duration timeout) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new TimeoutException("no result within " + timeout);
    }
  }
}
