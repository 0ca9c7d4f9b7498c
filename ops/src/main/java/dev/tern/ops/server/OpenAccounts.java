package dev.tern.ops.server;

import dev.tern.access.AccountStore;
import dev.tern.access.mailbox.QuotaLimits;
import io.vertx.core.Future;

import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An opened account store, the storage limits it knows (each user's own quota, else the configured default), and
 * how to close it.
 */
public record OpenAccounts(AccountStore store, Function<OptionalLong, QuotaLimits> quotas,
                           Supplier<Future<Void>> closer) {

  public Future<Void> close() {
    return closer.get();
  }
}
