package dev.tern.access.internal;

import dev.tern.access.address.DomainNames;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One consistent, immutable view of the account data, all in canonical form: local domains in their
 * configured order (the first one is the default domain), accounts to their PHC password hash, accounts to
 * their optional {@link UserSettings} (only accounts that have any), alias sources ({@code local@domain}, or
 * {@code @domain} for a catch-all) to their targets.
 */
public final class AccountSnapshot {

  private final List<String> domains;
  private final Set<String> domainSet;
  private final Map<String, String> users;
  private final Map<String, UserSettings> settings;
  private final Map<String, List<String>> aliases;

  public AccountSnapshot(List<String> domains, Map<String, String> users, Map<String, List<String>> aliases) {
    this(domains, users, Map.of(), aliases);
  }

  /** Settings of accounts not in {@code users} are refused; empty settings are dropped. */
  public AccountSnapshot(List<String> domains, Map<String, String> users, Map<String, UserSettings> settings,
                         Map<String, List<String>> aliases) {
    this.domains = List.copyOf(domains);
    this.domainSet = Set.copyOf(new LinkedHashSet<>(domains));
    this.users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    Map<String, UserSettings> kept = new LinkedHashMap<>();
    settings.forEach((account, attributes) -> {
      if (!users.containsKey(account)) {
        throw new IllegalArgumentException("settings for " + account + ", which is no account");
      }
      if (!attributes.isEmpty()) {
        kept.put(account, attributes);
      }
    });
    this.settings = java.util.Collections.unmodifiableMap(kept);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    aliases.forEach((source, targets) -> copy.put(source, List.copyOf(targets)));
    this.aliases = java.util.Collections.unmodifiableMap(copy);
  }

  public static AccountSnapshot empty() {
    return new AccountSnapshot(List.of(), Map.of(), Map.of());
  }

  public List<String> domains() {
    return domains;
  }

  /** The domain a bare local part (login name or {@code postmaster}) belongs to. */
  public Optional<String> defaultDomain() {
    return domains.isEmpty() ? Optional.empty() : Optional.of(domains.get(0));
  }

  /** Accounts to their PHC hashes, in file order. */
  public Map<String, String> users() {
    return users;
  }

  /** Accounts that have settings, to those settings. */
  public Map<String, UserSettings> settings() {
    return settings;
  }

  /** The settings of a canonical account address; {@link UserSettings#NONE} when it has none or is unknown. */
  public UserSettings settings(String account) {
    return settings.getOrDefault(account, UserSettings.NONE);
  }

  public Map<String, List<String>> aliases() {
    return aliases;
  }

  public boolean isLocalCanonicalDomain(String canonicalDomain) {
    return domainSet.contains(canonicalDomain);
  }

  /** Case-insensitive, trailing dot allowed; anything that is not a valid domain name is not local. */
  public boolean isLocalDomain(String domain) {
    try {
      return domainSet.contains(DomainNames.normalize(domain));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
