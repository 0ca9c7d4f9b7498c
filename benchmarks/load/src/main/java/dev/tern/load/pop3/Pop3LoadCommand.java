package dev.tern.load.pop3;

import dev.tern.load.engine.Credentials;
import dev.tern.load.engine.LoadLauncher;
import dev.tern.load.engine.LoadOptions;
import dev.tern.load.engine.RunSettings;
import dev.tern.load.engine.SecurityOptions;
import dev.tern.load.mailbox.CountOrAllConverter;
import dev.tern.load.mailbox.LoginOptions;
import dev.tern.load.mailbox.MailTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tern load pop3`: POP3 download sessions, as mail clients run them, one whole session per operation. */
@Command(name = "pop3", mixinStandardHelpOptions = true,
    description = {"Load a POP3 server with download sessions: each operation connects, logs in, runs STAT and LIST,"
        + " retrieves messages (RETR), checks each one's size against LIST, and quits.",
        "POP3 servers lock a maildrop while a session has it: more than one session on the same user gets"
            + " [IN-USE] refusals (counted as refused 4xx)."})
public final class Pop3LoadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  LoadOptions load;

  @Mixin
  SecurityOptions security;

  @Mixin
  LoginOptions login;

  @Option(names = "--operations", paramLabel = "M",
      description = "POP3 sessions to run in all (default: 100, or as many as --duration allows).")
  Long operations;

  @Option(names = "--retr", paramLabel = "K|all", defaultValue = "all", converter = CountOrAllConverter.class,
      description = "Messages to retrieve per session, the first ones LIST names (default: ${DEFAULT-VALUE}).")
  long retr;

  @Option(names = "--verify", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Check each retrieved message's size against LIST; a mismatch refuses the session"
          + " (default: on; --no-verify to skip).")
  boolean verify;

  @Option(names = "--pipeline", paramLabel = "N", defaultValue = "1",
      description = "RETR commands outstanding at once when the server offers PIPELINING (RFC 2449; checked with"
          + " CAPA); 1 sends one at a time (default: ${DEFAULT-VALUE}).")
  int pipeline;

  @Override
  public Integer call() throws InterruptedException {
    Credentials credentials = login.credentials(security, load.target());
    MailTarget target = LoginOptions.target(load.target(), security, load.timeout());
    Pop3Settings settings;
    try {
      settings = new Pop3Settings(target, credentials, login.saslPlain(),
          retr == CountOrAllConverter.ALL ? Pop3Settings.ALL_MESSAGES : (int) Math.min(Integer.MAX_VALUE, retr),
          verify, pipeline);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    RunSettings run = load.settings(operations, 100);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("login", (login.saslPlain() ? "AUTH PLAIN" : "USER/PASS") + " as " + credentials.user());
    details.put("tls", target.tls().name().toLowerCase(java.util.Locale.ROOT));
    details.put("retr", CountOrAllConverter.describe(retr));
    details.put("verify", verify ? "sizes against LIST" : "off");
    details.put("pipeline", pipeline);
    return LoadLauncher.launch(new Pop3Workload(settings), run, load, details, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
