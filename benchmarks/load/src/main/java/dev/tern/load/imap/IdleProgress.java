package dev.tern.load.imap;

import dev.tern.load.engine.Units;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of an idle hold, e.g. {@code [12.0s] holding 48.0s more: 50/50 idling, 0 failed, 0 dropped}: on a
 * terminal one line rewritten with \r, otherwise a line per interval. Prints from its own thread, never from an
 * event loop.
 */
final class IdleProgress implements AutoCloseable {

  private final PrintWriter out;
  private final boolean terminal;
  private final IdleHold hold;
  private final ScheduledExecutorService timer;
  private int lastWidth;

  IdleProgress(PrintWriter out, boolean terminal, Duration interval, IdleHold hold) {
    this.out = out;
    this.terminal = terminal;
    this.hold = hold;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "tern-load-idle-progress");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, interval.toMillis());
    timer.scheduleAtFixedRate(this::print, millis, millis, TimeUnit.MILLISECONDS);
  }

  static String line(Duration elapsed, Duration holdLeft, int connections, IdleTally tally) {
    String stage = holdLeft == null ? "opening" : holdLeft.isZero() ? "ending" : "holding " + Units.format(holdLeft)
        + " more";
    return "[" + Units.format(elapsed) + "] " + stage + ": " + tally.idling() + "/" + connections + " idling, "
        + tally.failedToOpen() + " failed, " + tally.dropped() + " dropped";
  }

  private synchronized void print() {
    String line = line(hold.elapsed(), hold.holdLeft(), hold.connections(), hold.tally());
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    synchronized (this) {
      if (terminal && lastWidth > 0) {
        out.println();
        out.flush();
      }
    }
  }
}
