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
 *
 * @param anyOwnQuota whether some account had a quota of its own ({@code tern user quota}) when the store opened;
 *                    with the configured default it decides whether the IMAP server offers QUOTA
 */
public record OpenAccounts(AccountStore store, Function<OptionalLong, QuotaLimits> quotas, boolean anyOwnQuota,
                           Supplier<Future<Void>> closer) {

  public Future<Void> close() {
    return closer.get();
  }
}
