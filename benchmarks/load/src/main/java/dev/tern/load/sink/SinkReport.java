package dev.tern.load.sink;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The totals a stopped sink prints, and the same as a JSON report file. */
final class SinkReport {

  private SinkReport() {}

  static void printTotals(PrintWriter out, SinkRun.Result result) {
    SinkStats stats = result.stats();
    double seconds = result.elapsed().toNanos() / 1e9;
    out.printf("sink stopped by %s after %.1f s%n", result.stoppedBy(), seconds);
    out.printf("  messages accepted  %d (%.1f/s on average, %d/s peak)%n", stats.messagesAccepted(),
        seconds > 0 ? stats.messagesAccepted() / seconds : 0.0, stats.peakMessagesPerSecond());
    out.printf("  sessions           %d%n", stats.sessions());
    out.printf("  transactions       %d%n", stats.transactions());
    out.printf("  recipients         %d%n", stats.recipients());
    out.printf("  bytes              %d%n", stats.bytes());
    out.printf("  4xx injected       %d%n", stats.temporaryInjected());
    out.printf("  5xx injected       %d%n", stats.permanentInjected());
    out.printf("  fsyncs             %d%n", stats.fsyncs());
    out.flush();
  }

  static void write(Path file, SinkRun.Result result) throws IOException {
    JsonObject json = result.stats().toJson()
        .put("durationSeconds", result.elapsed().toMillis() / 1000.0)
        .put("stoppedBy", result.stoppedBy());
    Files.writeString(file, json.encodePrettily() + System.lineSeparator());
  }
}
