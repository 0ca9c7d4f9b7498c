package dev.tern.access;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Administration of users, domains and aliases, as the command line needs it. Blocking: never called on an event
 * loop. Refusals are {@link AccountException}s whose message can be shown to an operator as it is.
 */
public interface AccountAdmin {

  void addUser(String address, char[] password) throws IOException;

  void setPassword(String address, char[] password) throws IOException;

  /** Removes the account together with its quota and APOP secret. */
  void deleteUser(String address) throws IOException;

  /** Sorted. */
  List<String> listUsers() throws IOException;

  /** Every account with its quota and whether an APOP secret is set (never the secret), sorted by address. */
  List<UserDetails> listUserDetails() throws IOException;

  /**
   * Sets the account's own storage limit in bytes (positive), or removes it when {@code bytes} is empty, so
   * that the server's default applies.
   */
  void setQuota(String address, OptionalLong bytes) throws IOException;

  /** Sets or replaces the account's APOP shared secret; {@code secret} is zeroed before return. */
  void setApopSecret(String address, char[] secret) throws IOException;

  /** Removes the account's APOP secret; refused when it has none. */
  void clearApopSecret(String address) throws IOException;

  void addDomain(String domain) throws IOException;

  /** Refused while users or aliases of the domain remain. */
  void deleteDomain(String domain) throws IOException;

  /** In configured order; the first is the default domain for bare user names. */
  List<String> listDomains() throws IOException;

  /** {@code source} is "local@domain" or a catch-all "@domain". */
  void addAlias(String source, String target) throws IOException;

  /** Removes one target of an alias, or the whole alias when {@code target} is null. */
  void deleteAlias(String source, String target) throws IOException;

  /** Alias source to its targets, sorted by source. */
  Map<String, List<String>> listAliases() throws IOException;
}
