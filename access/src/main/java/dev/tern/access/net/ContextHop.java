package dev.tern.access.net;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings a future's completion back onto a session's event loop. Store and account calls complete on worker
 * threads or other contexts; protocol sessions (SMTP, POP3, IMAP) are confined to the loop they were accepted on.
 */
public final class ContextHop {

  private ContextHop() {
  }

  /** {@code future}, completed on {@code context}; already complete and already there: the same future. */
  public static <T> Future<T> onContext(Context context, Future<T> future) {
    if (future.isComplete() && Vertx.currentContext() == context) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == context) {
        promise.handle(ar);
      } else {
        context.runOnContext(v -> promise.handle(ar));
      }
    });
    return promise.future();
  }
}
