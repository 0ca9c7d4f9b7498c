package dev.tern.ops.cli;

import dev.tern.access.AccountAdmin;

import dev.tern.access.fs.FsAccounts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the CLI reaches the account files: creates them on first use and opens them for administration (access's
 * FsAccounts on disk; an in-memory double in tests).
 */
public interface AccountFiles {

  void initialize(Path accountsDirectory, List<String> initialDomains) throws IOException;

  AccountAdmin open(Path accountsDirectory) throws IOException;

  static AccountFiles onDisk() {
    return new AccountFiles() {
      @Override
      public void initialize(Path accountsDirectory, List<String> initialDomains) throws IOException {
        FsAccounts.initialize(accountsDirectory, initialDomains);
      }

      @Override
      public AccountAdmin open(Path accountsDirectory) throws IOException {
        return FsAccounts.open(accountsDirectory);
      }
    };
  }
}
