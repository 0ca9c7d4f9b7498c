package dev.tern.benchmarks;

import dev.tern.access.ApopSecret;
import dev.tern.access.AccountStore;
import dev.tern.access.RecipientResolution;
import io.vertx.core.Future;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An account store for load tests: every domain is local and every address is its own mailbox, so no recipient is
 * refused and no relay decision is taken. Nobody can log in: the benchmarks never use AUTH.
 */
public final class EveryoneLocalAccountStore implements AccountStore {

  @Override
  public Future<Optional<String>> authenticate(String username, String password) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Boolean> isLocalDomain(String domain) {
    return Future.succeededFuture(Boolean.TRUE);
  }

  @Override
  public Future<RecipientResolution> resolve(String address) {
    String mailbox = address.toLowerCase(Locale.ROOT);
    return Future.succeededFuture(
        new RecipientResolution(RecipientResolution.Kind.LOCAL, List.of(mailbox), List.of()));
  }

  @Override
  public Future<Optional<ApopSecret>> apopSecret(String username) {
    return Future.succeededFuture(Optional.empty());
  }
}
