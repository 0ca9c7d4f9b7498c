package dev.tern.access.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Administration of the account files (users, domains, aliases) for the command line. Blocking; never
 * used on an event loop. Built on the access branch.
 */
public abstract class FsAccounts {

  /** Creates the files if missing, with {@code initialDomains} as the local domains. */
  public static void initialize(Path accountsDirectory, List<String> initialDomains) throws IOException {
    throw new IllegalStateException("FsAccounts is built on the access branch");
  }

  public static FsAccounts open(Path accountsDirectory) throws IOException {
    throw new IllegalStateException("FsAccounts is built on the access branch");
  }

  public abstract void addUser(String address, char[] password) throws IOException;
  public abstract void setPassword(String address, char[] password) throws IOException;
  public abstract void deleteUser(String address) throws IOException;
  public abstract List<String> listUsers() throws IOException;
  public abstract void addDomain(String domain) throws IOException;
  public abstract void deleteDomain(String domain) throws IOException;
  public abstract List<String> listDomains() throws IOException;
  public abstract void addAlias(String source, String target) throws IOException;
  /** Removes one target of an alias, or the whole alias when {@code target} is null. */
  public abstract void deleteAlias(String source, String target) throws IOException;
  /** Alias source to its targets, sorted by source. */
  public abstract Map<String, List<String>> listAliases() throws IOException;
}
