package dev.tern.access.fs;

import dev.tern.access.AccountAdmin;
import dev.tern.access.AccountException;
import dev.tern.access.UserDetails;
import dev.tern.access.address.DomainNames;
import dev.tern.access.address.MailAddress;
import dev.tern.access.internal.AccountSnapshot;
import dev.tern.access.internal.RecipientResolver;
import dev.tern.access.internal.UserSettings;
import dev.tern.access.password.Argon2idHasher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Administration of the account files (users, domains, aliases) for the command line. Blocking; never
 * used on an event loop. Every change re-reads the files under the directory lock, so concurrent
 * invocations never lose each other's updates, and replaces the changed file atomically; a running
 * {@link FsAccountStore} notices within about a second. Refusals are {@link AccountException}s whose
 * message can be shown to the user as is. Passwords and APOP secrets passed in are zeroed before the method returns.
 */
@SuppressWarnings("try") // the DirectoryLock resources are held for their scope, not referenced
public final class FsAccounts implements AccountAdmin {

  private static final System.Logger LOG = System.getLogger(FsAccounts.class.getName());
  private static final int MAX_PASSWORD_CHARS = 1024;

  private final Path directory;
  private final Argon2idHasher hasher;

  private FsAccounts(Path directory, Argon2idHasher hasher) {
    this.directory = directory;
    this.hasher = hasher;
  }

  /**
   * Creates the directory and whichever of the files are missing, with {@code initialDomains} as the
   * local domains. Existing files are left untouched, so running it twice is harmless.
   */
  public static void initialize(Path accountsDirectory, List<String> initialDomains) throws IOException {
    List<String> domains = new ArrayList<>();
    for (String domain : initialDomains) {
      String canonical = domain(domain);
      if (!domains.contains(canonical)) {
        domains.add(canonical);
      }
    }
    Files.createDirectories(accountsDirectory);
    try (DirectoryLock lock = DirectoryLock.acquire(accountsDirectory)) {
      createIfMissing(accountsDirectory.resolve(AccountFiles.DOMAINS), AccountFiles.formatDomains(domains), false);
      createIfMissing(accountsDirectory.resolve(AccountFiles.USERS), AccountFiles.formatUsers(Map.of(), Map.of()), true);
      createIfMissing(accountsDirectory.resolve(AccountFiles.ALIASES), AccountFiles.formatAliases(Map.of()), false);
    }
  }

  private static void createIfMissing(Path file, String content, boolean ownerOnly) throws IOException {
    if (!Files.exists(file)) {
      AtomicFiles.replace(file, content, ownerOnly);
    }
  }

  /** Opens an initialised directory, checking that its files can be read. */
  public static FsAccounts open(Path accountsDirectory) throws IOException {
    return open(accountsDirectory, Argon2idHasher.DEFAULT);
  }

  /** As {@link #open(Path)} with another hashing cost (tests, or a deliberate site policy). */
  public static FsAccounts open(Path accountsDirectory, Argon2idHasher hasher) throws IOException {
    if (!Files.isDirectory(accountsDirectory)) {
      throw new AccountException("accounts directory " + accountsDirectory + " does not exist");
    }
    AccountFiles.read(accountsDirectory);
    return new FsAccounts(accountsDirectory, hasher);
  }

  @Override
  public void addUser(String address, char[] password) throws IOException {
    storePasswordHash(address, password, (current, user) -> {
      requireLocal(current, user.domain());
      if (current.users().containsKey(user.toString())) {
        throw new AccountException("user exists: " + user);
      }
    }, "account added: {0}");
  }

  @Override
  public void setPassword(String address, char[] password) throws IOException {
    storePasswordHash(address, password, FsAccounts::requireUser, "password changed: {0}");
  }

  /** What must hold of the accounts on disk, read under the lock, before a user's hash may be written. */
  private interface UserPrecondition {
    void check(AccountSnapshot current, MailAddress user) throws AccountException;
  }

  /**
   * Hashes before taking the directory lock (hashing is slow and must not hold it), writes the hash if the
   * precondition holds, and zeroes the password whatever happens.
   */
  private void storePasswordHash(String address, char[] password, UserPrecondition precondition, String event)
      throws IOException {
    try {
      MailAddress user = address(address);
      String hash = hash(password);
      try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
        AccountSnapshot current = AccountFiles.read(directory);
        precondition.check(current, user);
        Map<String, String> users = new LinkedHashMap<>(current.users());
        users.put(user.toString(), hash);
        writeUsers(users, current.settings());
      }
      LOG.log(System.Logger.Level.INFO, event, user);
    } finally {
      zero(password);
    }
  }

  /** Removes the account and its settings. Aliases that point at it stay; the server then ignores that target. */
  @Override
  public void deleteUser(String address) throws IOException {
    MailAddress user = address(address);
    try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
      AccountSnapshot current = AccountFiles.read(directory);
      requireUser(current, user);
      Map<String, String> users = new LinkedHashMap<>(current.users());
      users.remove(user.toString());
      Map<String, UserSettings> settings = new LinkedHashMap<>(current.settings());
      settings.remove(user.toString());
      writeUsers(users, settings);
    }
    LOG.log(System.Logger.Level.INFO, "account deleted: {0}", user);
  }

  /** Account addresses, sorted. */
  @Override
  public List<String> listUsers() throws IOException {
    return AccountFiles.read(directory).users().keySet().stream().sorted().toList();
  }

  /** Accounts with their quota and whether an APOP secret is set, sorted by address. */
  @Override
  public List<UserDetails> listUserDetails() throws IOException {
    AccountSnapshot current = AccountFiles.read(directory);
    return current.users().keySet().stream().sorted().map(user -> {
      UserSettings settings = current.settings(user);
      return new UserDetails(user, settings.quotaBytes(), settings.hasApopSecret());
    }).toList();
  }

  /**
   * Gives the account a storage limit of its own, or removes it ({@code bytes} empty) so that the server's default
   * applies. Setting what is already set writes nothing.
   */
  @Override
  public void setQuota(String address, OptionalLong bytes) throws IOException {
    if (bytes == null) {
      throw new AccountException("quota missing (empty for none)");
    }
    if (bytes.isPresent() && bytes.getAsLong() <= 0) {
      throw new AccountException("quota must be a positive number of bytes, not " + bytes.getAsLong());
    }
    MailAddress user = address(address);
    boolean changed = changeSettings(user, settings -> settings.withQuota(bytes));
    if (changed) {
      LOG.log(System.Logger.Level.INFO, "quota of {0}: {1}", user,
          bytes.isPresent() ? bytes.getAsLong() + " bytes" : "server default");
    }
  }

  /**
   * Sets the account's APOP shared secret (RFC 1939 section 7), replacing any previous one. It is stored in clear
   * (APOP needs it so) in the owner-only users file; the secret passed in is zeroed before the method returns.
   */
  @Override
  public void setApopSecret(String address, char[] secret) throws IOException {
    try {
      MailAddress user = address(address);
      checkSecret(secret, "APOP secret");
      byte[] bytes = utf8(secret);
      try {
        changeSettings(user, settings -> settings.withApopSecret(bytes));
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
      LOG.log(System.Logger.Level.INFO, "APOP secret set: {0}", user);
    } finally {
      zero(secret);
    }
  }

  /** Removes the account's APOP secret; refused when it has none. */
  @Override
  public void clearApopSecret(String address) throws IOException {
    MailAddress user = address(address);
    changeSettings(user, settings -> {
      if (!settings.hasApopSecret()) {
        throw new AccountException("no APOP secret set for " + user);
      }
      return settings.withApopSecret(null);
    });
    LOG.log(System.Logger.Level.INFO, "APOP secret removed: {0}", user);
  }

  /** A change of one account's settings, given its current ones; may refuse. */
  private interface SettingsChange {
    UserSettings apply(UserSettings current) throws AccountException;
  }

  /** Applies the change under the lock; rewrites the users file only when the settings differ. */
  private boolean changeSettings(MailAddress user, SettingsChange change) throws IOException {
    try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
      AccountSnapshot current = AccountFiles.read(directory);
      requireUser(current, user);
      UserSettings before = current.settings(user.toString());
      UserSettings after = change.apply(before);
      if (after.equals(before)) {
        return false;
      }
      Map<String, UserSettings> settings = new LinkedHashMap<>(current.settings());
      settings.put(user.toString(), after);
      writeUsers(current.users(), settings);
      return true;
    }
  }

  @Override
  public void addDomain(String domain) throws IOException {
    String canonical = domain(domain);
    try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
      AccountSnapshot current = AccountFiles.read(directory);
      if (current.isLocalCanonicalDomain(canonical)) {
        throw new AccountException("domain exists: " + canonical);
      }
      List<String> domains = new ArrayList<>(current.domains());
      domains.add(canonical);
      AtomicFiles.replace(directory.resolve(AccountFiles.DOMAINS), AccountFiles.formatDomains(domains), false);
    }
    LOG.log(System.Logger.Level.INFO, "local domain added: {0}", canonical);
  }

  /** Refuses while accounts or aliases of the domain remain, so none of them is silently orphaned. */
  @Override
  public void deleteDomain(String domain) throws IOException {
    String canonical = domain(domain);
    try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
      AccountSnapshot current = AccountFiles.read(directory);
      if (!current.isLocalCanonicalDomain(canonical)) {
        throw new AccountException("no such domain: " + canonical);
      }
      long users = current.users().keySet().stream().filter(u -> domainOf(u).equals(canonical)).count();
      long aliases = current.aliases().keySet().stream().filter(a -> domainOf(a).equals(canonical)).count();
      if (users > 0 || aliases > 0) {
        throw new AccountException("domain " + canonical + " still has " + users + " user(s) and " + aliases
            + " alias(es); delete them first");
      }
      List<String> domains = new ArrayList<>(current.domains());
      domains.remove(canonical);
      AtomicFiles.replace(directory.resolve(AccountFiles.DOMAINS), AccountFiles.formatDomains(domains), false);
    }
    LOG.log(System.Logger.Level.INFO, "local domain deleted: {0}", canonical);
  }

  /** Local domains in configured order; the first is the default domain. */
  @Override
  public List<String> listDomains() throws IOException {
    return AccountFiles.read(directory).domains();
  }

  /**
   * Adds {@code target} to the alias {@code source} ({@code local@domain}, or {@code @domain} for a
   * catch-all); the source's domain must be local, the target may be local or remote. Refuses a
   * change that would make the alias loop or nest deeper than {@link RecipientResolver#MAX_DEPTH}.
   */
  @Override
  public void addAlias(String source, String target) throws IOException {
    String canonicalSource = aliasSource(source);
    String canonicalTarget = address(target).toString();
    try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
      AccountSnapshot current = AccountFiles.read(directory);
      requireLocal(current, domainOf(canonicalSource));
      List<String> targets = new ArrayList<>(current.aliases().getOrDefault(canonicalSource, List.of()));
      if (targets.contains(canonicalTarget)) {
        throw new AccountException("alias exists: " + canonicalSource + " -> " + canonicalTarget);
      }
      targets.add(canonicalTarget);
      Map<String, List<String>> aliases = new LinkedHashMap<>(current.aliases());
      aliases.put(canonicalSource, targets);
      AccountSnapshot proposed = new AccountSnapshot(current.domains(), current.users(), current.settings(), aliases);
      for (String problem : new RecipientResolver(proposed).expand(canonicalSource).problems()) {
        if (problem.startsWith("alias loop") || problem.startsWith("alias chain")) {
          throw new AccountException("refused, " + problem);
        }
      }
      writeAliases(aliases);
    }
    LOG.log(System.Logger.Level.INFO, "alias added: {0} -> {1}", canonicalSource, canonicalTarget);
  }

  /** Removes one target of an alias, or the whole alias when {@code target} is null. */
  @Override
  public void deleteAlias(String source, String target) throws IOException {
    String canonicalSource = aliasSource(source);
    String canonicalTarget = target == null ? null : address(target).toString();
    try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
      AccountSnapshot current = AccountFiles.read(directory);
      List<String> targets = current.aliases().get(canonicalSource);
      if (targets == null) {
        throw new AccountException("no such alias: " + canonicalSource);
      }
      Map<String, List<String>> aliases = new LinkedHashMap<>(current.aliases());
      if (canonicalTarget == null) {
        aliases.remove(canonicalSource);
      } else {
        if (!targets.contains(canonicalTarget)) {
          throw new AccountException("alias " + canonicalSource + " has no target " + canonicalTarget);
        }
        List<String> remaining = new ArrayList<>(targets);
        remaining.remove(canonicalTarget);
        if (remaining.isEmpty()) {
          aliases.remove(canonicalSource);
        } else {
          aliases.put(canonicalSource, remaining);
        }
      }
      writeAliases(aliases);
    }
    LOG.log(System.Logger.Level.INFO, "alias deleted: {0}{1}", canonicalSource,
        canonicalTarget == null ? "" : " -> " + canonicalTarget);
  }

  /** Alias source to its targets, sorted by source. */
  @Override
  public Map<String, List<String>> listAliases() throws IOException {
    return new TreeMap<>(AccountFiles.read(directory).aliases());
  }

  /** Owner-only: the file holds password hashes and the APOP secrets in clear. */
  private void writeUsers(Map<String, String> users, Map<String, UserSettings> settings) throws IOException {
    AtomicFiles.replace(directory.resolve(AccountFiles.USERS), AccountFiles.formatUsers(users, settings), true);
  }

  private void writeAliases(Map<String, List<String>> aliases) throws IOException {
    AtomicFiles.replace(directory.resolve(AccountFiles.ALIASES), AccountFiles.formatAliases(aliases), false);
  }

  private String hash(char[] password) throws AccountException {
    checkSecret(password, "password");
    return hasher.hash(password);
  }

  private static void checkSecret(char[] secret, String what) throws AccountException {
    if (secret == null || secret.length == 0) {
      throw new AccountException("empty " + what);
    }
    if (secret.length > MAX_PASSWORD_CHARS) {
      throw new AccountException(what + " longer than " + MAX_PASSWORD_CHARS + " characters");
    }
    for (char c : secret) {
      if (Character.isISOControl(c)) {
        throw new AccountException(what + " contains a control character");
      }
    }
  }

  /** The UTF-8 bytes of a secret, without an intermediate String that could not be zeroed. */
  private static byte[] utf8(char[] secret) throws AccountException {
    ByteBuffer encoded;
    try {
      encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(secret));
    } catch (CharacterCodingException e) {
      throw new AccountException("the secret is not valid Unicode text (unpaired surrogate)");
    }
    byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }

  private static void zero(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  private static void requireLocal(AccountSnapshot snapshot, String domain) throws AccountException {
    if (!snapshot.isLocalCanonicalDomain(domain)) {
      throw new AccountException("domain not local: " + domain + " (add it first)");
    }
  }

  private static void requireUser(AccountSnapshot snapshot, MailAddress user) throws AccountException {
    if (!snapshot.users().containsKey(user.toString())) {
      throw new AccountException("no such user: " + user);
    }
  }

  private static MailAddress address(String address) throws AccountException {
    MailAddress parsed;
    try {
      parsed = MailAddress.parse(address == null ? "" : address.strip());
    } catch (IllegalArgumentException e) {
      throw new AccountException(e.getMessage());
    }
    if (parsed.localPart().startsWith("#")) {
      throw new AccountException("invalid address " + address + ": may not start with '#' (comment marker)");
    }
    return parsed;
  }

  private static String aliasSource(String source) throws AccountException {
    String trimmed = source == null ? "" : source.strip();
    if (trimmed.startsWith("@")) {
      try {
        return AccountFiles.aliasSource(trimmed);
      } catch (IllegalArgumentException e) {
        throw new AccountException("invalid catch-all alias " + source + ": " + e.getMessage());
      }
    }
    return address(trimmed).toString();
  }

  private static String domain(String domain) throws AccountException {
    try {
      return DomainNames.normalize(domain == null ? "" : domain.strip());
    } catch (IllegalArgumentException e) {
      throw new AccountException(e.getMessage());
    }
  }

  private static String domainOf(String addressOrCatchAll) {
    return addressOrCatchAll.substring(addressOrCatchAll.lastIndexOf('@') + 1);
  }
}
