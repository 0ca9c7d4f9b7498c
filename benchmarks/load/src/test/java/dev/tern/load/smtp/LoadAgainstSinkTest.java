package dev.tern.load.smtp;

import dev.tern.load.sink.FailurePoint;
import dev.tern.load.sink.FaultShare;
import dev.tern.load.sink.SinkOptions;
import dev.tern.load.sink.SinkStats;
import dev.tern.load.sink.SmtpSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two ends of `tern load` against each other, as a relay benchmark uses them: every message the generator sends
 * is counted once on both sides, every latency is recorded, and the sink's injected failures arrive as exactly the
 * configured share of 4xx and 5xx verdicts.
 */
@Timeout(120)
class LoadAgainstSinkTest {

  @TempDir
  Path tmp;
  Vertx vertx;
  SmtpSink sink;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close().await();
    }
    vertx.close().await();
  }

  private void startSink(SinkOptions options) {
    sink = SmtpSink.start(vertx, options.withBind("127.0.0.1", 0)).await();
  }

  private JsonObject load(int exitCode, String... args) throws Exception {
    Path report = tmp.resolve("report-" + System.nanoTime() + ".json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    java.util.List<String> all = new java.util.ArrayList<>(ScriptedSmtpServer.args(sink.actualPort(), args));
    all.addAll(java.util.List.of("--report", report.toString()));
    int code = new CommandLine(new SmtpLoadCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    assertEquals(exitCode, code, out + "\n" + err);
    return new JsonObject(Files.readString(report));
  }

  @Test
  void everyMessageIsCountedOnBothSidesWithEveryLatency() throws Exception {
    startSink(SinkOptions.defaults().withSpool(tmp.resolve("spool"), false, 64L * 1024 * 1024));
    JsonObject report = load(0, "--sessions", "8", "--messages", "500", "--size", "4k:80,64k:20",
        "--recipients", "2", "--pipelining");
    JsonObject operations = report.getJsonObject("operations");
    assertEquals(500, operations.getLong("issued"));
    assertEquals(500, operations.getLong("ok"));
    assertEquals(0, operations.getLong("connectionErrors"));
    JsonObject phases = report.getJsonObject("phases");
    assertEquals(500, phases.getJsonObject("eod").getLong("count"));
    assertEquals(1000, phases.getJsonObject("rcpt").getLong("count"));
    assertEquals(500, phases.getJsonObject("operation").getLong("count"));
    assertEquals(8, phases.getJsonObject("connect").getLong("count"));
    SinkStats stats = sink.stats();
    assertEquals(500, stats.messagesAccepted());
    assertEquals(1000, stats.recipients());
    assertEquals(report.getLong("bytes"), stats.bytes(), "the sink received exactly the bytes the generator sent");
  }

  @Test
  void theSinksInjectedFailuresArriveAsTheConfiguredShare() throws Exception {
    startSink(SinkOptions.defaults().withFaults(FaultShare.parse("0.1"), FaultShare.parse("0.05"),
        FailurePoint.DATA));
    JsonObject report = load(3, "--sessions", "10", "--messages", "1000", "--size", "1k");
    JsonObject operations = report.getJsonObject("operations");
    assertEquals(1000, operations.getLong("issued"));
    assertEquals(850, operations.getLong("ok"));
    assertEquals(100, operations.getLong("temporary"));
    assertEquals(50, operations.getLong("permanent"));
    assertEquals(0, operations.getLong("connectionErrors"));
    assertEquals(1000, report.getJsonObject("phases").getJsonObject("eod").getLong("count"));
    assertEquals(850, sink.stats().messagesAccepted());
  }

  @Test
  void failuresAtRcptAreCountedTheSameWay() throws Exception {
    startSink(SinkOptions.defaults().withFaults(FaultShare.parse("0.2"), FaultShare.NONE, FailurePoint.RCPT));
    JsonObject report = load(3, "--sessions", "4", "--messages", "200", "--size", "1k");
    JsonObject operations = report.getJsonObject("operations");
    assertEquals(160, operations.getLong("ok"));
    assertEquals(40, operations.getLong("temporary"));
    assertEquals(0, operations.getLong("permanent"));
    assertEquals(160, sink.stats().messagesAccepted());
  }
}
