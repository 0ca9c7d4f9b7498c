package dev.tern.access.pop3.support;

import dev.tern.access.AccountStore;
import dev.tern.access.ApopSecret;
import dev.tern.access.RecipientResolution;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The real account store with APOP secrets added (the fs backend has none yet). */
public final class ApopSecrets implements AccountStore {

  private final AccountStore delegate;
  private final Map<String, String> secrets;

  public ApopSecrets(AccountStore delegate, Map<String, String> secrets) {
    this.delegate = delegate;
    this.secrets = Map.copyOf(secrets);
  }

  @Override
  public Future<Optional<String>> authenticate(String username, String password) {
    return delegate.authenticate(username, password);
  }

  @Override
  public Future<Boolean> isLocalDomain(String domain) {
    return delegate.isLocalDomain(domain);
  }

  @Override
  public Future<RecipientResolution> resolve(String address) {
    return delegate.resolve(address);
  }

  @Override
  public Future<Optional<ApopSecret>> apopSecret(String username) {
    return Future.succeededFuture(Optional.ofNullable(secrets.get(username))
        .map(secret -> new ApopSecret(username, secret.getBytes(StandardCharsets.UTF_8))));
  }
}
