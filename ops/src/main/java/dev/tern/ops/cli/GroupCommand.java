package dev.tern.ops.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands; called alone it is a usage error. */
abstract class GroupCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: " + String.join("|", spec.subcommands().keySet()));
  }
}
