package dev.tern.ops.cli;

import dev.tern.access.AccountAdmin;
import dev.tern.access.UserDetails;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

@Command(name = "user", description = "Manage mail accounts.",
    subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Del.class, UserCommand.ListUsers.class,
        UserCommand.Quota.class, UserCommand.Apop.class})
final class UserCommand extends GroupCommand {

  /** Password options shared by add and passwd; there is deliberately no option taking the password itself. */
  abstract static class WithPassword extends AccountsCommand {
    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    WithPassword(CliEnvironment env) {
      super(env);
    }

    char[] password(String address) {
      return passwordStdin ? PasswordInput.fromStdin(env.stdin().get()) : PasswordInput.fromConsole(env.console().get(), address);
    }

    /** Reads the password for address, hands it to change and zeroes it whatever happens. */
    void withPassword(String address, PasswordChange change) throws IOException {
      char[] password = password(address);
      try {
        change.apply(password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
  }

  /** An account change that needs the password. */
  interface PasswordChange {
    void apply(char[] password) throws IOException;
  }

  @Command(name = "add", description = "Add an account (password asked twice, or --password-stdin).")
  static final class Add extends WithPassword {
    @Parameters(paramLabel = "ADDRESS", description = "The account's address, e.g. alice@example.com.")
    String address;

    Add(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      withPassword(address, password -> openForChange().addUser(address, password));
      say("added user " + address);
    }
  }

  @Command(name = "passwd", description = "Change an account's password.")
  static final class Passwd extends WithPassword {
    @Parameters(paramLabel = "ADDRESS")
    String address;

    Passwd(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      withPassword(address, password -> openExisting().setPassword(address, password));
      say("changed password of " + address);
    }
  }

  @Command(name = "del", description = "Delete an account.")
  static final class Del extends AccountsCommand {
    @Parameters(paramLabel = "ADDRESS")
    String address;

    Del(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openExisting().deleteUser(address);
      say("deleted user " + address);
    }
  }

  @Command(name = "list", description = "List accounts, one per line.")
  static final class ListUsers extends AccountsCommand {
    @Option(names = {"-l", "--long"},
        description = "Also show each account's quota (default: the server's) and whether an APOP secret is set.")
    boolean long_;

    ListUsers(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      if (!long_) {
        openExisting().listUsers().forEach(this::say);
        return;
      }
      List<UserDetails> users = openExisting().listUserDetails();
      int width = users.stream().mapToInt(u -> u.address().length()).max().orElse(0);
      for (UserDetails user : users) {
        String quota = user.quotaBytes().isPresent() ? ByteSize.format(user.quotaBytes().getAsLong()) : "default";
        say(String.format("%-" + width + "s  quota=%-7s  apop=%s", user.address(), quota,
            user.apopSecretSet() ? "yes" : "no"));
      }
    }
  }

  @Command(name = "quota", description = "Set an account's storage limit, or remove it with 'none' (the server's "
      + "default then applies).")
  static final class Quota extends AccountsCommand {
    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "SIZE|none",
        description = "Bytes, or a whole number with K, M or G (1K = 1024 bytes): 512K, 10M, 2G.")
    String size;

    Quota(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      OptionalLong bytes = size.strip().equalsIgnoreCase("none") ? OptionalLong.empty() : OptionalLong.of(ByteSize.parse(size));
      openExisting().setQuota(address, bytes);
      say(bytes.isPresent()
          ? "quota of " + address + ": " + ByteSize.format(bytes.getAsLong()) + " (" + bytes.getAsLong() + " bytes)"
          : "removed the quota of " + address + " (the server's default applies)");
    }
  }

  @Command(name = "apop", description = {
      "Set an account's APOP secret for POP3 (asked twice, or --secret-stdin), or remove it with --clear.",
      "APOP needs the secret in clear: it is stored unhashed in the owner-only users file, so choose one unlike "
          + "the password."})
  static final class Apop extends AccountsCommand {
    @Parameters(paramLabel = "ADDRESS")
    String address;

    @ArgGroup(exclusive = true)
    Source source;

    /** Where the secret comes from; without either option, the terminal. */
    static final class Source {
      @Option(names = "--secret-stdin", description = "Read the secret from the first line of stdin.")
      boolean stdin;

      @Option(names = "--clear", description = "Remove the account's APOP secret.")
      boolean clear;
    }

    Apop(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      if (source != null && source.clear) {
        openExisting().clearApopSecret(address);
        say("removed the APOP secret of " + address);
        return;
      }
      AccountAdmin accounts = openExisting(); // before asking: a wrong --data should not cost a typed secret
      char[] secret = source != null && source.stdin
          ? PasswordInput.fromStdin(env.stdin().get(), PasswordInput.APOP_SECRET)
          : PasswordInput.fromConsole(env.console().get(), address, PasswordInput.APOP_SECRET);
      try {
        accounts.setApopSecret(address, secret);
      } finally {
        Arrays.fill(secret, '\0');
      }
      say("set the APOP secret of " + address);
    }
  }
}
