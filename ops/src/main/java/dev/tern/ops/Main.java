package dev.tern.ops;

import dev.tern.ops.cli.CliEnvironment;
import dev.tern.ops.cli.TernCommand;
import dev.tern.ops.logging.LoggingSetup;

/** Entry point of tern.jar. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    LoggingSetup.configure(System.getenv("TERN_LOG_LEVEL"));
    int code = TernCommand.run(args, CliEnvironment.system());
    System.exit(code);
  }
}
