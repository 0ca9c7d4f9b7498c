package dev.tern.ops.server;

import dev.tern.access.AccountStore;
import io.vertx.core.Future;

import java.util.function.Supplier;

/** An opened account store and how to close it. */
public record OpenAccounts(AccountStore store, Supplier<Future<Void>> closer) {

  public Future<Void> close() {
    return closer.get();
  }
}
