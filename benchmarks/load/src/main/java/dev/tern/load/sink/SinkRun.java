package dev.tern.load.sink;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits, on the command's own thread, for the first of SIGINT/SIGTERM, the --duration deadline and the --exit-after
 * count; prints a progress line every 5 seconds meanwhile; then closes the sink. A signal does not kill the JVM
 * before the totals are out: the shutdown hook waits for the run to finish.
 */
final class SinkRun {

  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long SHUTDOWN_GRACE_SECONDS = 30;

  /** The run's final numbers. */
  record Result(SinkStats stats, Duration elapsed, String stoppedBy) {}

  private final SmtpSink sink;
  private final PrintWriter progress;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String stoppedBy = "a signal";

  /** @param progress where the progress lines go, or null for none */
  SinkRun(SmtpSink sink, PrintWriter progress) {
    this.sink = sink;
    this.progress = progress;
  }

  Result await(Duration duration, Long exitAfter) throws InterruptedException {
    long started = System.nanoTime();
    Thread hook = new Thread(this::stopForSignal, "tern-sink-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
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
      return new Result(sink.stats(), Duration.ofNanos(elapsed), stoppedBy);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it is waiting for `finished`, which is now counted down.
      }
    }
  }

  private void waitForStop(long started, long deadline) throws InterruptedException {
    long nextProgress = started + PROGRESS_NANOS;
    long acceptedBefore = 0;
    long progressFrom = started;
    while (true) {
      long now = System.nanoTime();
      if (now - deadline >= 0 && deadline != Long.MAX_VALUE) {
        stoppedBy = "--duration";
        return;
      }
      long until = progress == null ? deadline : Math.min(deadline, nextProgress);
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

  private void stop(String reason) {
    if (stop.getCount() > 0) {
      stoppedBy = reason;
      stop.countDown();
    }
  }

  private void stopForSignal() {
    stop("a signal");
    try {
      finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
