package dev.tern.load.engine;

import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live progress line: elapsed, done/total, rate and p99 over the last interval, outcome counts, ETA. On a
 * terminal one line rewritten with \r; otherwise a plain line per interval (a log stays readable). It prints from
 * its own thread, never from an event loop: a stalled stderr reader must not stall the load.
 */
public final class ProgressPrinter {

  private final PrintWriter out;
  private final boolean terminal;
  private final Duration interval;
  private ScheduledExecutorService timer;
  private LoadRun run;
  private long lastDone;
  private long lastNanos;
  private int lastWidth;

  /**
   * @param out      where to print (stderr)
   * @param terminal rewrite one line with \r instead of printing a line per interval
   * @param interval how often
   */
  public ProgressPrinter(PrintWriter out, boolean terminal, Duration interval) {
    this.out = out;
    this.terminal = terminal;
    this.interval = interval;
  }

  /** Whether stderr is a terminal: the JVM has a console. */
  public static boolean stderrIsTerminal() {
    return System.console() != null;
  }

  synchronized void begin(LoadRun loadRun) {
    this.run = loadRun;
    this.lastNanos = System.nanoTime();
    timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "tern-load-progress");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, interval.toMillis());
    timer.scheduleAtFixedRate(this::print, millis, millis, TimeUnit.MILLISECONDS);
  }

  void end() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = timer;
      timer = null;
    }
    if (stopping == null) {
      return;
    }
    stopping.shutdownNow();
    try {
      stopping.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (terminal && lastWidth > 0) {
        // Leave the last figures on screen; the summary starts on a fresh line.
        out.print(System.lineSeparator());
        out.flush();
      }
    }
  }

  private synchronized void print() {
    if (run == null || timer == null) {
      return;
    }
    long now = System.nanoTime();
    OutcomeCounters.Counts counts = run.counters().snapshot();
    Histogram operation = run.latencies().interval().get(LatencyBook.OPERATION);
    double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
    double rate = (counts.done() - lastDone) / seconds;
    lastDone = counts.done();
    lastNanos = now;
    long p99 = operation.getTotalCount() == 0 ? -1 : operation.getValueAtPercentile(99);
    String line = line(run.elapsed(), counts, run.settings(), run.workload().operationUnit(), rate, p99);
    if (terminal) {
      String padding = " ".repeat(Math.max(0, lastWidth - line.length()));
      out.print("\r" + line + padding);
      lastWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /**
   * One progress line, e.g.
   * {@code [12.0s] 1234/10000 messages  812.3/s  ok 1230  4xx 2  5xx 0  conn-err 2  p99 12.345ms  ETA 10.8s}.
   *
   * @param rate        operations ended per second over the last interval
   * @param p99Micros   p99 of "operation" over the last interval, or -1 when none ended in it
   */
  static String line(Duration elapsed, OutcomeCounters.Counts counts, RunSettings settings, String unit, double rate,
                     long p99Micros) {
    StringBuilder line = new StringBuilder();
    line.append('[').append(Units.format(elapsed)).append("] ").append(counts.done());
    if (settings.operations() > 0) {
      line.append('/').append(settings.operations());
    }
    line.append(' ').append(unit);
    line.append(String.format(Locale.ROOT, "  %.1f/s", rate));
    line.append("  ok ").append(counts.ok()).append("  4xx ").append(counts.temporary())
        .append("  5xx ").append(counts.permanent()).append("  conn-err ").append(counts.connectionErrors());
    line.append("  p99 ").append(p99Micros < 0 ? "-" : String.format(Locale.ROOT, "%.3fms", p99Micros / 1000.0));
    Duration eta = eta(elapsed, counts, settings);
    line.append("  ETA ").append(eta == null ? "-" : Units.format(eta));
    return line.toString();
  }

  /** Time left: by the schedule or the rate so far for a count, by the clock for a duration; the sooner wins. */
  static Duration eta(Duration elapsed, OutcomeCounters.Counts counts, RunSettings settings) {
    Duration byCount = null;
    if (settings.operations() > 0) {
      long left = Math.max(0, settings.operations() - counts.done());
      if (settings.openLoop()) {
        double scheduleEndNanos = settings.operations() * settings.intervalNanos();
        byCount = Duration.ofNanos(Math.max(0, Math.round(scheduleEndNanos) - elapsed.toNanos()));
      } else if (counts.done() > 0) {
        byCount = Duration.ofNanos(Math.round((double) elapsed.toNanos() * left / counts.done()));
      }
    }
    Duration byClock = settings.duration() == null ? null
        : max(Duration.ZERO, settings.duration().minus(elapsed));
    if (byCount == null) {
      return byClock;
    }
    return byClock == null || byCount.compareTo(byClock) < 0 ? byCount : byClock;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
