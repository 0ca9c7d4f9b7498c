package dev.tern.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "domain", description = "Manage the local domains (mail for them is delivered here).",
    subcommands = {DomainCommand.Add.class, DomainCommand.Del.class, DomainCommand.ListDomains.class})
final class DomainCommand extends GroupCommand {

  @Command(name = "add", description = "Add a local domain.")
  static final class Add extends AccountsCommand {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    Add(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openForChange().addDomain(domain);
      say("added domain " + domain);
    }
  }

  @Command(name = "del", description = "Remove a local domain.")
  static final class Del extends AccountsCommand {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    Del(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openExisting().deleteDomain(domain);
      say("deleted domain " + domain);
    }
  }

  @Command(name = "list", description = "List local domains, one per line.")
  static final class ListDomains extends AccountsCommand {
    ListDomains(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openExisting().listDomains().forEach(this::say);
    }
  }
}
