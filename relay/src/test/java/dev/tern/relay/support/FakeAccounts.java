package dev.tern.relay.support;

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
    return Future.succeededFuture(expected != null && expected.equals(password)
        ? Optional.of(username.toLowerCase(Locale.ROOT)) : Optional.empty());
  }

  @Override
  public Future<Boolean> isLocalDomain(String domain) {
    return Future.succeededFuture(domains.contains(domain.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Future<RecipientResolution> resolve(String address) {
    resolved.add(address);
    String lower = address.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at < 0 || !domains.contains(lower.substring(at + 1))) {
      return Future.succeededFuture(RecipientResolution.remote());
    }
    String target = aliases.getOrDefault(lower, lower);
    if (passwords.containsKey(target)) {
      return Future.succeededFuture(new RecipientResolution(RecipientResolution.Kind.LOCAL, List.of(target), List.of()));
    }
    return Future.succeededFuture(RecipientResolution.unknown());
  }
}
