package dev.tern.load.sink;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits, on the command's own thread, for the first of SIGINT/SIGTERM, the --duration deadline and the --exit-after
 * count; prints a progress line every 5 seconds meanwhile and, with --count-file, keeps the accepted count in a file
 * (rewritten every 100 ms, replaced atomically, so a script can poll how far a relay has got); then closes the sink.
 *
 * <p>SIGINT and SIGTERM are caught (sun.misc.Signal, the one way to catch them in Java 17) for as long as the run
 * lasts, so that a signal is a clean stop: the totals are printed and the command exits 0 instead of the JVM dying
 * with 130 or 143. The previous handlers are put back afterwards.
 */
final class SinkRun {

  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long COUNT_FILE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final List<String> STOP_SIGNALS = List.of("INT", "TERM");

  /** The run's final numbers. */
  record Result(SinkStats stats, Duration elapsed, String stoppedBy) {}

  private final SmtpSink sink;
  private final PrintWriter progress;
  private final Path countFile;
  private long countWritten = -1;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile String stoppedBy = "a signal";

  /**
   * @param progress  where the progress lines go, or null for none
   * @param countFile where to keep the accepted count, or null for nowhere
   */
  SinkRun(SmtpSink sink, PrintWriter progress, Path countFile) {
    this.sink = sink;
    this.progress = progress;
    this.countFile = countFile;
  }

  Result await(Duration duration, Long exitAfter) throws InterruptedException {
    long started = System.nanoTime();
    Map<Signal, SignalHandler> previousHandlers = catchStopSignals();
    try {
      if (exitAfter != null) {
        sink.whenAccepted(exitAfter).onComplete(reached -> stop("--exit-after " + exitAfter));
      }
      long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
      waitForStop(started, deadline);
      long elapsed = System.nanoTime() - started;
      try {
        sink.close().await();
      } catch (Exception e) {
        if (progress != null) {
          progress.println("sink: closing: " + e.getMessage());
        }
      }
      writeCount();
      return new Result(sink.stats(), Duration.ofNanos(elapsed), stoppedBy);
    } finally {
      previousHandlers.forEach(Signal::handle);
    }
  }

  private Map<Signal, SignalHandler> catchStopSignals() {
    Map<Signal, SignalHandler> previous = new HashMap<>();
    for (String name : STOP_SIGNALS) {
      Signal signal = new Signal(name);
      try {
        previous.put(signal, Signal.handle(signal, caught -> stop("SIG" + name)));
      } catch (IllegalArgumentException notCatchable) {
        // The JVM keeps this signal for itself (-Xrs, or used by the VM): it then ends the run the default way.
      }
    }
    return previous;
  }

  private void waitForStop(long started, long deadline) throws InterruptedException {
    long nextProgress = started + PROGRESS_NANOS;
    long nextCount = started;
    long acceptedBefore = 0;
    long progressFrom = started;
    while (true) {
      if (countFile != null && System.nanoTime() - nextCount >= 0) {
        writeCount();
        nextCount = System.nanoTime() + COUNT_FILE_NANOS;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0 && deadline != Long.MAX_VALUE) {
        stoppedBy = "--duration";
        return;
      }
      long until = progress == null ? deadline : Math.min(deadline, nextProgress);
      if (countFile != null) {
        until = Math.min(until, nextCount);
      }
      long wait = until == Long.MAX_VALUE ? TimeUnit.DAYS.toNanos(1) : until - now;
      if (stop.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
        return;
      }
      now = System.nanoTime();
      if (progress != null && now - nextProgress >= 0) {
        SinkStats stats = sink.stats();
        double seconds = (now - progressFrom) / 1e9;
        progress.printf("sink: %d messages accepted, %.0f/s, %d sessions open%n", stats.messagesAccepted(),
            (stats.messagesAccepted() - acceptedBefore) / seconds, stats.openSessions());
        progress.flush();
        acceptedBefore = stats.messagesAccepted();
        progressFrom = now;
        nextProgress += PROGRESS_NANOS;
      }
    }
  }

  /** The accepted count into the count file, when it changed: written beside it, then moved over it. */
  private void writeCount() {
    if (countFile == null) {
      return;
    }
    long accepted = sink.stats().messagesAccepted();
    if (accepted == countWritten) {
      return;
    }
    Path temporary = countFile.resolveSibling(countFile.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, accepted + "\n", StandardCharsets.US_ASCII);
      Files.move(temporary, countFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      countWritten = accepted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the count file " + countFile, e);
    }
  }

  private void stop(String reason) {
    if (stop.getCount() > 0) {
      stoppedBy = reason;
      stop.countDown();
    }
  }
}
