package dev.tern.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Arrays;

@Command(name = "user", description = "Manage mail accounts.",
    subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Del.class, UserCommand.ListUsers.class})
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
    ListUsers(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openExisting().listUsers().forEach(this::say);
    }
  }
}
