package dev.tern.load.imap;

import dev.tern.load.engine.Credentials;
import dev.tern.load.engine.LoadLauncher;
import dev.tern.load.engine.LoadOptions;
import dev.tern.load.engine.LoadReport;
import dev.tern.load.engine.ProgressPrinter;
import dev.tern.load.engine.RunResult;
import dev.tern.load.engine.RunSettings;
import dev.tern.load.engine.SecurityOptions;
import dev.tern.load.engine.Units;
import dev.tern.load.mailbox.CountOrAllConverter;
import dev.tern.load.mailbox.LoginOptions;
import dev.tern.load.mailbox.MailTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `tern load imap`: sessions that log in and select a mailbox once, then run fetch cycles (envelopes of the newest
 * messages, some whole messages); or with --idle, many connections held in IDLE.
 */
@Command(name = "imap", mixinStandardHelpOptions = true,
    description = {"Load an IMAP server as mail clients do: each session logs in and selects a mailbox once, then"
        + " every operation is a fetch cycle (envelopes of the newest messages, then some whole messages).",
        "With --idle N: open N connections, IDLE on each, hold them all for --hold, then count how many reached"
            + " IDLE, failed to open, or were dropped by the server."})
public final class ImapLoadCommand implements Callable<Integer> {

  /** Options of the fetch-cycle mode that an idle hold would silently ignore. */
  private static final List<String> FETCH_ONLY = List.of("--sessions", "--rate", "--duration", "--operations",
      "--envelopes", "--bodies", "--reselect", "--seed");

  @Spec
  CommandSpec spec;

  @Mixin
  LoadOptions load;

  @Mixin
  SecurityOptions security;

  @Mixin
  LoginOptions login;

  @Option(names = "--mailbox", paramLabel = "NAME", defaultValue = "INBOX",
      description = "Mailbox to select (default: ${DEFAULT-VALUE}).")
  String mailbox;

  @Option(names = "--operations", paramLabel = "M",
      description = "Fetch cycles to run in all (default: 100, or as many as --duration allows).")
  Long operations;

  @Option(names = "--envelopes", paramLabel = "N|all", defaultValue = "20", converter = CountOrAllConverter.class,
      description = "Envelopes (UID, FLAGS, RFC822.SIZE, ENVELOPE) of the newest N messages per cycle; all = the"
          + " whole mailbox (UID FETCH 1:*); 0 = none (default: ${DEFAULT-VALUE}).")
  long envelopes;

  @Option(names = "--bodies", paramLabel = "K", defaultValue = "1",
      description = "Whole messages (BODY.PEEK[]) per cycle, picked from the mailbox by --seed; 0 = none"
          + " (default: ${DEFAULT-VALUE}).")
  int bodies;

  @Option(names = "--reselect", description = "SELECT the mailbox again at the start of every cycle.")
  boolean reselect;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the message picks: the same seed fetches the same messages (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--idle", paramLabel = "N", description = "Idle mode: hold N connections in IDLE.")
  Integer idle;

  @Option(names = "--hold", paramLabel = "TIME", defaultValue = "60s", converter = LoadOptions.DurationConverter.class,
      description = "Idle mode: how long to hold the connections once all are open (default: ${DEFAULT-VALUE}).")
  Duration hold;

  @Option(names = "--open-rate", paramLabel = "R", converter = RateConverter.class,
      description = "Idle mode: open R connections per second (e.g. 100/s); default: all at once.")
  Double openRate;

  @Override
  public Integer call() throws InterruptedException {
    Credentials credentials = login.credentials(security, load.target());
    MailTarget target = LoginOptions.target(load.target(), security, load.timeout());
    ImapSettings settings;
    try {
      settings = new ImapSettings(target, credentials, login.saslPlain(), mailbox,
          envelopes == CountOrAllConverter.ALL ? ImapSettings.ALL_MESSAGES : envelopes, bodies, reselect, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("login", (login.saslPlain() ? "AUTHENTICATE PLAIN" : "LOGIN") + " as " + credentials.user());
    details.put("tls", target.tls().name().toLowerCase(Locale.ROOT));
    details.put("mailbox", mailbox);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (idle != null) {
      return idleHold(settings, details, out, err);
    }
    details.put("envelopes", CountOrAllConverter.describe(envelopes));
    details.put("bodies", bodies);
    details.put("reselect", reselect ? "yes" : "no");
    return LoadLauncher.launch(new ImapWorkload(settings), load.settings(operations, 100), load, details, out, err);
  }

  private int idleHold(ImapSettings settings, Map<String, Object> details, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    for (String option : FETCH_ONLY) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new ParameterException(spec.commandLine(), option + " does not apply to --idle");
      }
    }
    Duration progressInterval = ProgressPrinter.stderrIsTerminal() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    RunSettings run;
    try {
      run = new RunSettings(idle, idle, hold, openRate == null ? 0 : openRate, load.timeout(), progressInterval);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage().replace("sessions", "--idle"), e);
    }
    details.put("idle", idle + " connections held " + Units.format(hold));
    IdleHold idleHold = new IdleHold(settings, run);
    RunResult result;
    try (IdleProgress progress = load.quiet() ? null
        : new IdleProgress(err, ProgressPrinter.stderrIsTerminal(), progressInterval, idleHold)) {
      result = idleHold.run();
    }
    return LoadLauncher.finish(new LoadReport(load.target().toString(), result, details, idleHold.results()), load,
        out, err);
  }

  /** picocli: --open-rate. */
  static final class RateConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        return Units.parseRate(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
