package dev.tern.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.Map;

@Command(name = "alias", description = "Manage aliases (an address whose mail goes to other addresses).",
    subcommands = {AliasCommand.Add.class, AliasCommand.Del.class, AliasCommand.ListAliases.class})
final class AliasCommand extends GroupCommand {

  @Command(name = "add", description = "Make SOURCE forward to TARGET (adds to its targets).")
  static final class Add extends AccountsCommand {
    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET")
    String target;

    Add(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openForChange().addAlias(source, target);
      say("added alias " + source + " -> " + target);
    }
  }

  @Command(name = "del", description = "Remove one TARGET of SOURCE, or the whole alias without TARGET.")
  static final class Del extends AccountsCommand {
    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", arity = "0..1")
    String target;

    Del(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      openExisting().deleteAlias(source, target);
      say(target == null ? "deleted alias " + source : "deleted alias " + source + " -> " + target);
    }
  }

  @Command(name = "list", description = "List aliases: SOURCE -> TARGET, TARGET...")
  static final class ListAliases extends AccountsCommand {
    ListAliases(CliEnvironment env) {
      super(env);
    }

    @Override
    void execute() throws IOException {
      for (Map.Entry<String, List<String>> alias : openExisting().listAliases().entrySet()) {
        say(alias.getKey() + " -> " + String.join(", ", alias.getValue()));
      }
    }
  }
}
