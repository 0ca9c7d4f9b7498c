package dev.tern.relay.support;

import dev.tern.access.ApopSecret;
import dev.tern.access.AccountStore;
import dev.tern.access.RecipientResolution;
import io.vertx.core.Future;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Local domains, accounts with passwords and aliases, all in memory. */
public final class FakeAccounts implements AccountStore {

  private final Set<String> domains = ConcurrentHashMap.newKeySet();
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Set<String> resolved = ConcurrentHashMap.newKeySet();
  private volatile long delayMillis;
  private final java.util.concurrent.ScheduledExecutorService slowThread =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-accounts");
        t.setDaemon(true);
        return t;
      });

  /** Answers later, from a thread that is not the session's event loop (like a database client might). */
  public FakeAccounts delayMillis(long value) {
    delayMillis = value;
    return this;
  }

  private <T> Future<T> answer(T value) {
    if (delayMillis <= 0) {
      return Future.succeededFuture(value);
    }
    io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
    slowThread.schedule(() -> promise.complete(value), delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    return promise.future();
  }

  public FakeAccounts domain(String domain) {
    domains.add(domain.toLowerCase(Locale.ROOT));
    return this;
  }

  public FakeAccounts user(String address, String password) {
    passwords.put(address.toLowerCase(Locale.ROOT), password);
    return this;
  }

  public FakeAccounts alias(String alias, String target) {
    aliases.put(alias.toLowerCase(Locale.ROOT), target.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Every address the relay asked about. */
  public Set<String> resolved() {
    return resolved;
  }

  @Override
  public Future<Optional<String>> authenticate(String username, String password) {
    String expected = passwords.get(username.toLowerCase(Locale.ROOT));
    return answer(expected != null && expected.equals(password)
        ? Optional.of(username.toLowerCase(Locale.ROOT)) : Optional.empty());
  }

  @Override
  public Future<Boolean> isLocalDomain(String domain) {
    return answer(domains.contains(domain.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Future<RecipientResolution> resolve(String address) {
    resolved.add(address);
    String lower = address.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at < 0 || !domains.contains(lower.substring(at + 1))) {
      return answer(RecipientResolution.remote());
    }
    String target = aliases.getOrDefault(lower, lower);
    if (passwords.containsKey(target)) {
      return answer(new RecipientResolution(RecipientResolution.Kind.LOCAL, List.of(target), List.of()));
    }
    return answer(RecipientResolution.unknown());
  }

  @Override
  public Future<Optional<ApopSecret>> apopSecret(String username) {
    return Future.succeededFuture(Optional.empty());
  }
}
