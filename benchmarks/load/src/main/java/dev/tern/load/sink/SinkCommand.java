package dev.tern.load.sink;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tern load sink}: runs an {@link SmtpSink} until SIGINT/SIGTERM, --duration or --exit-after, then prints
 * its totals. Exit codes: 0 a clean stop, 1 the sink could not start (the message says why), 2 wrong usage.
 */
@Command(name = "sink", mixinStandardHelpOptions = true, version = "tern load sink 0.1.0", sortOptions = false,
    description = {"A fast SMTP server that accepts mail and discards it, for measuring relays.",
        "Prints \"sink listening on HOST:PORT\" first (so --port 0 can be scripted), progress on stderr every 5 s,"
            + " and its totals when it stops."})
public final class SinkCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on; 0 picks a free one.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--hostname", paramLabel = "NAME", description = "Name in the greeting (default: this host's).")
  String hostname;

  @Option(names = "--fsync", paramLabel = "DIR",
      description = "Append each accepted message to a spool file in DIR and fsync it before answering 250.")
  Path spoolDirectory;

  @Option(names = "--keep", description = "Keep the --fsync spool files when the sink stops.")
  boolean keepSpool;

  @Option(names = "--temp-fail", paramLabel = "SHARE", defaultValue = "0",
      converter = Quantities.ShareConverter.class,
      description = "Exact share of transactions answered 451 4.3.0 (0.1: one in ten).")
  FaultShare temporaryFailures;

  @Option(names = "--perm-fail", paramLabel = "SHARE", defaultValue = "0",
      converter = Quantities.ShareConverter.class,
      description = "Exact share of transactions answered 554 5.3.0 (0.05: one in twenty).")
  FaultShare permanentFailures;

  @Option(names = "--fail-at", paramLabel = "rcpt|data", defaultValue = "data", converter = FailAtConverter.class,
      description = "Answer injected failures at the first RCPT or at the end of data (default: ${DEFAULT-VALUE}).")
  FailurePoint failAt;

  @Option(names = "--tls", description = "Offer STARTTLS (self-signed certificate unless --cert and --key).")
  boolean tls;

  @Option(names = "--cert", paramLabel = "PEM", description = "Certificate chain for STARTTLS.")
  Path certificate;

  @Option(names = "--key", paramLabel = "PEM", description = "Private key for --cert.")
  Path privateKey;

  @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "50m", converter = Quantities.SizeConverter.class,
      description = "Largest message accepted, advertised as SIZE (default: ${DEFAULT-VALUE}).")
  long maxMessageSize;

  @Option(names = "--max-recipients", paramLabel = "N", defaultValue = "1000",
      description = "RCPTs accepted per transaction (default: ${DEFAULT-VALUE}).")
  int maxRecipients;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5m",
      converter = Quantities.DurationConverter.class,
      description = "Close silent sessions with 421 after this long (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--max-errors", paramLabel = "N", defaultValue = "10",
      description = "Bad commands after which a session gets 421 (default: ${DEFAULT-VALUE}).")
  int maxErrors;

  @Option(names = "--event-loops", paramLabel = "N",
      description = "Event loops serving connections (default: half the cores).")
  Integer eventLoops;

  @Option(names = "--duration", paramLabel = "DURATION", converter = Quantities.DurationConverter.class,
      description = "Stop after this long, e.g. 60s.")
  Duration duration;

  @Option(names = "--exit-after", paramLabel = "N", description = "Stop once N messages were accepted.")
  Long exitAfter;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the totals as JSON to FILE.")
  Path report;

  @Option(names = "--count-file", paramLabel = "FILE",
      description = "Keep the number of accepted messages in FILE (rewritten every 100 ms, replaced atomically).")
  Path countFile;

  @Option(names = "--quiet", description = "No progress lines.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    SinkOptions options = options();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
    try {
      SmtpSink sink;
      try {
        sink = SmtpSink.start(vertx, options).await();
      } catch (Exception e) {
        err.println("sink: cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        err.flush();
        return 1;
      }
      out.println("sink listening on " + hostAndPort(options.bindHost(), sink.actualPort()));
      out.flush();
      SinkRun run = new SinkRun(sink, quiet ? null : err, countFile);
      SinkRun.Result result = run.await(duration, exitAfter);
      SinkReport.printTotals(out, result);
      if (report != null) {
        SinkReport.write(report, result);
      }
      return 0;
    } finally {
      vertx.close().await();
    }
  }

  private SinkOptions options() {
    if (exitAfter != null && exitAfter < 1) {
      throw new ParameterException(spec.commandLine(), "--exit-after must be at least 1");
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new ParameterException(spec.commandLine(), "--duration must be positive");
    }
    SinkOptions options = SinkOptions.defaults()
        .withBind(bind, port)
        .withHostname(hostname != null ? hostname : localHostname())
        .withFaults(temporaryFailures, permanentFailures, failAt)
        .withTls(tls, certificate, privateKey)
        .withLimits(maxMessageSize, maxRecipients, idleTimeout, maxErrors);
    if (spoolDirectory != null) {
      options = options.withSpool(spoolDirectory, keepSpool, options.spoolFileBytes());
    }
    if (eventLoops != null) {
      options = options.withEventLoops(eventLoops);
    }
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    return options;
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  static String hostAndPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static final class FailAtConverter implements ITypeConverter<FailurePoint> {
    @Override
    public FailurePoint convert(String value) {
      try {
        return FailurePoint.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not rcpt or data");
      }
    }
  }
}
