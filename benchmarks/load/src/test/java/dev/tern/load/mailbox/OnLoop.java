package dev.tern.load.mailbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs client code on one event loop, as the engine does, and waits for its future from the test thread. */
public final class OnLoop {

  private final Context context;

  public OnLoop(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  public <T> T call(Supplier<Future<T>> action) throws Exception {
    try {
      return start(action).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The failure the action's future ended with; a success fails the test. */
  public <T> Throwable failure(Supplier<Future<T>> action) throws Exception {
    try {
      T value = start(action).get(30, TimeUnit.SECONDS);
      return fail("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private <T> CompletableFuture<T> start(Supplier<Future<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().onComplete(result::complete, result::completeExceptionally));
    return result;
  }

  /**
   * On the event loop: polls (by timer, never blocking the loop) until the condition holds, then runs the action
   * there; gives up silently after ten seconds, so the test's own assertion reports what went wrong.
   */
  public static void awaitQuietly(Vertx vertx, Supplier<Boolean> condition, Runnable action) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    vertx.setPeriodic(5, id -> {
      if (condition.get()) {
        vertx.cancelTimer(id);
        action.run();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
      }
    });
  }

  /** Polls until the condition holds, failing after ten seconds. */
  public static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
