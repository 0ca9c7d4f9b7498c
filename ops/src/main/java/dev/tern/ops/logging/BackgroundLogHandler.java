package dev.tern.ops.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes log lines from one background thread. Event loops log a line per session event; writing it to stderr
 * on the spot would be blocking I/O on the event loop (a slow pipe or disk stalls every session there). Records
 * are queued (bounded) as they are and formatted and written in batches by the writer: formatting (time stamp,
 * parameters) cost event loops a tenth of their time during a relay benchmark. The parameters Tern logs are
 * immutable values (strings, numbers, enums, exceptions), so formatting them later shows what they were. When the
 * queue is full, records are dropped and counted rather than blocking, and the count is logged once the writer
 * catches up.
 */
final class BackgroundLogHandler extends Handler {

  private static final LogRecord END = new LogRecord(java.util.logging.Level.OFF, "end");

  private final BlockingQueue<LogRecord> lines;
  private final AtomicLong dropped = new AtomicLong();
  private final PrintStream out;
  private final Thread writer;
  private volatile boolean closed;

  BackgroundLogHandler(OutputStream target, int capacity) {
    this.lines = new ArrayBlockingQueue<>(capacity);
    this.out = new PrintStream(target, false, StandardCharsets.UTF_8);
    this.writer = new Thread(this::drain, "tern-log");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) {
      return;
    }
    if (!lines.offer(record)) {
      dropped.incrementAndGet();
    }
  }

  private void drain() {
    try {
      while (true) {
        LogRecord record = lines.poll(1, TimeUnit.SECONDS);
        if (record == null) {
          continue;
        }
        do {
          if (record == END) {
            // close() can queue the end while lines dropped earlier are still unreported
            reportDropped();
            out.flush();
            return;
          }
          out.print(getFormatter().format(record));
          record = lines.poll();
        } while (record != null);
        reportDropped();
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reportDropped() {
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      out.println("log: " + lost + " lines dropped (the log writer could not keep up)");
    }
  }

  @Override
  public void flush() {
    out.flush();
  }

  /** Writes what is queued, then stops the writer; called by LogManager at JVM exit. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lines.put(END);
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }
}
