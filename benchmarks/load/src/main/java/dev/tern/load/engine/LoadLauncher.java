package dev.tern.load.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * What every `tern load` subcommand does once its workload is built: run it with a progress line on stderr, print
 * the summary on stdout, write the JSON report, and turn the outcome into the exit code.
 */
public final class LoadLauncher {

  /** Every operation was accepted. */
  public static final int ALL_ACCEPTED = 0;
  /** A problem the message explains (the report could not be written...). */
  public static final int PROBLEM = 1;
  /** The run finished, but some operations were refused or hit connection errors. */
  public static final int SOME_FAILED = 3;

  private LoadLauncher() {}

  /**
   * Runs to the end (blocking the calling thread, which must not be a Vert.x thread).
   *
   * @param details the workload's settings for the summary and the report (size, recipients...)
   */
  public static int launch(Workload workload, RunSettings settings, LoadOptions options, Map<String, Object> details,
                           PrintWriter out, PrintWriter err) throws InterruptedException {
    ProgressPrinter progress = options.quiet() ? null
        : new ProgressPrinter(err, ProgressPrinter.stderrIsTerminal(), settings.progressInterval());
    RunResult result = new LoadRun(workload, settings, null, progress).run();
    return finish(new LoadReport(options.target().toString(), result, details, workload.results()), options, out,
        err);
  }

  /**
   * Prints the summary, writes the JSON report when asked, and turns the counts into the exit code: the end of
   * {@link #launch}, for a subcommand that measured in its own way (IMAP's idle connections).
   */
  public static int finish(LoadReport report, LoadOptions options, PrintWriter out, PrintWriter err) {
    RunResult result = report.result();
    report.printSummary(out);
    if (options.report() != null) {
      try {
        Files.writeString(options.report(), report.toJson().encodePrettily() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("tern load: cannot write the report to " + options.report() + ": " + e.getMessage());
        err.flush();
        return PROBLEM;
      }
    }
    OutcomeCounters.Counts counts = result.counts();
    if (counts.allAccepted()) {
      return ALL_ACCEPTED;
    }
    err.printf("tern load: %d of %d %s not accepted (%d refused 4xx, %d refused 5xx, %d connection errors)%n",
        counts.issued() - counts.ok(), counts.issued(), result.unit(), counts.temporary(), counts.permanent(),
        counts.connectionErrors());
    err.flush();
    return SOME_FAILED;
  }
}
