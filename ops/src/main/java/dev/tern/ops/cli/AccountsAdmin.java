package dev.tern.ops.cli;

import dev.tern.access.AccountAdmin;

import dev.tern.access.fs.FsAccounts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How the CLI reaches the account files; the real one is access's FsAccounts. */
public interface AccountsAdmin {

  void initialize(Path accountsDirectory, List<String> initialDomains) throws IOException;

  AccountAdmin open(Path accountsDirectory) throws IOException;

  static AccountsAdmin files() {
    return new AccountsAdmin() {
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
