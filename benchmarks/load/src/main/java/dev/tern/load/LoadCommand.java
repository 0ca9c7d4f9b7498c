package dev.tern.load;

import dev.tern.load.imap.ImapLoadCommand;
import dev.tern.load.pop3.Pop3LoadCommand;
import dev.tern.load.sink.SinkCommand;
import dev.tern.load.smtp.SmtpLoadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `tern load`: the group of load generators. Exit codes of every subcommand: 0 every operation accepted, 1 a
 * problem the message explains, 2 wrong usage, 3 the run finished but some operations were refused or hit
 * connection errors.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Load-test a mail server: closed or open loop, exact outcome counts, latency percentiles per phase,"
        + " live progress and a JSON report.",
    subcommands = {SmtpLoadCommand.class, ImapLoadCommand.class, Pop3LoadCommand.class, SinkCommand.class})
public final class LoadCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: " + String.join("|", spec.subcommands().keySet()));
  }
}
