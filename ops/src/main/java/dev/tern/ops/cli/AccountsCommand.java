package dev.tern.ops.cli;

import dev.tern.access.AccountAdmin;

import dev.tern.ops.config.TernConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A command on the account files under {@code <data>/accounts}; works whether or not the server runs. */
abstract class AccountsCommand extends CliCommand {

  AccountsCommand(CliEnvironment env) {
    super(env);
  }

  /** For changes: creates the account files first if this data directory has none yet. */
  AccountAdmin openForChange() throws IOException {
    TernConfig config = common.load();
    Path dir = accountsDirectory(config);
    env.accounts().initialize(dir, config.localDomains());
    return env.accounts().open(dir);
  }

  /** For listings: the files must exist, a typo in --data should not create an empty directory. */
  AccountAdmin openExisting() throws IOException {
    Path dir = accountsDirectory(common.load());
    if (!Files.isDirectory(dir)) {
      throw new UserError("no accounts in " + dir + " (wrong --data? tern serve or tern user add creates them)");
    }
    return env.accounts().open(dir);
  }

  private static Path accountsDirectory(TernConfig config) {
    return config.dataDir().resolve("accounts");
  }

  void say(String line) {
    env.out().println(line);
    env.out().flush();
  }
}
