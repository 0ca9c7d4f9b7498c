package dev.tern.ops.testing;

import dev.tern.access.AccountAdmin;
import dev.tern.access.UserDetails;
import dev.tern.ops.cli.AccountFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/** Account administration in memory, recording passwords so tests can see what the CLI passed. */
public final class InMemoryAccounts implements AccountAdmin {

  public final Map<String, String> passwords = new TreeMap<>();
  public final Map<String, Long> quotas = new TreeMap<>();
  public final Map<String, String> apopSecrets = new TreeMap<>();
  public final TreeSet<String> domains = new TreeSet<>();
  public final Map<String, List<String>> aliases = new TreeMap<>();
  public final List<Path> initialized = new ArrayList<>();

  /** The CLI's view: initialize creates the directory and seeds the domains once; open returns this. */
  public AccountFiles admin() {
    InMemoryAccounts self = this;
    return new AccountFiles() {
      @Override
      public void initialize(Path accountsDirectory, List<String> initialDomains) throws IOException {
        Files.createDirectories(accountsDirectory);
        if (initialized.isEmpty() && domains.isEmpty()) {
          domains.addAll(initialDomains);
        }
        initialized.add(accountsDirectory);
      }

      @Override
      public AccountAdmin open(Path accountsDirectory) {
        return self;
      }
    };
  }

  @Override
  public void addUser(String address, char[] password) throws IOException {
    if (passwords.containsKey(address)) {
      throw new IllegalArgumentException("user " + address + " already exists");
    }
    passwords.put(address, new String(password));
  }

  @Override
  public void setPassword(String address, char[] password) throws IOException {
    if (!passwords.containsKey(address)) {
      throw new IllegalArgumentException("no user " + address);
    }
    passwords.put(address, new String(password));
  }

  @Override
  public void deleteUser(String address) throws IOException {
    if (passwords.remove(address) == null) {
      throw new IllegalArgumentException("no user " + address);
    }
    quotas.remove(address);
    apopSecrets.remove(address);
  }

  @Override
  public List<String> listUsers() {
    return List.copyOf(passwords.keySet());
  }

  @Override
  public List<UserDetails> listUserDetails() {
    return passwords.keySet().stream().map(user -> new UserDetails(user,
        quotas.containsKey(user) ? OptionalLong.of(quotas.get(user)) : OptionalLong.empty(),
        apopSecrets.containsKey(user))).toList();
  }

  @Override
  public void setQuota(String address, OptionalLong bytes) {
    requireUser(address);
    if (bytes.isPresent()) {
      quotas.put(address, bytes.getAsLong());
    } else {
      quotas.remove(address);
    }
  }

  @Override
  public void setApopSecret(String address, char[] secret) {
    requireUser(address);
    apopSecrets.put(address, new String(secret));
  }

  @Override
  public void clearApopSecret(String address) {
    requireUser(address);
    if (apopSecrets.remove(address) == null) {
      throw new IllegalArgumentException("no APOP secret for " + address);
    }
  }

  private void requireUser(String address) {
    if (!passwords.containsKey(address)) {
      throw new IllegalArgumentException("no user " + address);
    }
  }

  @Override
  public void addDomain(String domain) {
    domains.add(domain);
  }

  @Override
  public void deleteDomain(String domain) {
    if (!domains.remove(domain)) {
      throw new IllegalArgumentException("no domain " + domain);
    }
  }

  @Override
  public List<String> listDomains() {
    return List.copyOf(domains);
  }

  @Override
  public void addAlias(String source, String target) {
    aliases.computeIfAbsent(source, s -> new ArrayList<>()).add(target);
  }

  @Override
  public void deleteAlias(String source, String target) {
    if (target == null) {
      aliases.remove(source);
    } else if (aliases.containsKey(source)) {
      aliases.get(source).remove(target);
    }
  }

  @Override
  public Map<String, List<String>> listAliases() {
    return new TreeMap<>(aliases);
  }
}
