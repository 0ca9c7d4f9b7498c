package dev.tern.ops.cli;

import dev.tern.load.LoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The `tern` command line. Exit codes: 0 done, 1 a problem the message explains, 2 wrong usage; `tern load` adds 3:
 * the run finished but some operations were refused or hit connection errors.
 */
@Command(name = "tern", mixinStandardHelpOptions = true, version = "tern 0.1.0",
    description = "Tern, a reactive mail transfer agent.",
    subcommands = {ServeCommand.class, UserCommand.class, DomainCommand.class, AliasCommand.class, QueueCommand.class,
        LoadCommand.class})
public final class TernCommand extends GroupCommand {

  public static final int USER_ERROR = 1;
  public static final int USAGE = 2;

  private static final System.Logger LOG = System.getLogger(TernCommand.class.getName());

  /** Runs one command line; returns the exit code. */
  public static int run(String[] args, CliEnvironment env) {
    CommandLine cli = new CommandLine(new TernCommand(), new EnvironmentFactory(env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(env.out());
    cli.setErr(env.err());
    cli.setParameterExceptionHandler((e, argv) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("tern: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof UserError) {
        err.println("tern: " + e.getMessage());
      } else {
        LOG.log(System.Logger.Level.ERROR, "unexpected failure", e);
        err.println("tern: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      err.flush();
      return USER_ERROR;
    });
    return cli.execute(args);
  }

  /** Builds commands with the environment when they take it. */
  private record EnvironmentFactory(CliEnvironment env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        var constructor = type.getDeclaredConstructor(CliEnvironment.class);
        constructor.setAccessible(true);
        return constructor.newInstance(env);
      } catch (NoSuchMethodException none) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
