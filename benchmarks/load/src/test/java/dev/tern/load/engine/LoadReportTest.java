package dev.tern.load.engine;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadReportTest {

  private static RunResult run(FakeWorkload workload, double rate) throws InterruptedException {
    RunSettings settings = new RunSettings(2, 30, null, rate, Duration.ofSeconds(5), Duration.ofSeconds(5));
    return new LoadRun(workload, settings, null, null).run();
  }

  private static Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("size", "4k");
    details.put("recipients", 2);
    return details;
  }

  @Test
  void jsonHasStableKeysAndNumbers() throws Exception {
    FakeWorkload workload = new FakeWorkload().answers(i -> i == 4 ? FakeWorkload.Answer.PERMANENT
        : i == 5 ? FakeWorkload.Answer.TEMPORARY : FakeWorkload.Answer.OK);
    JsonObject json = new LoadReport("127.0.0.1:2525", run(workload, 0), details()).toJson();

    assertEquals(List.of("target", "mode", "ratePerSecond", "sessions", "unit", "operationLimit",
        "durationLimitSeconds", "timeoutSeconds", "workload", "operations", "elapsedSeconds", "operationsPerSecond",
        "bytes", "mebibytesPerSecond", "latencyUnit", "phases"), List.copyOf(json.fieldNames()));
    assertEquals("127.0.0.1:2525", json.getString("target"));
    assertEquals("closed", json.getString("mode"));
    assertEquals(2, json.getInteger("sessions"));
    assertEquals("things", json.getString("unit"));
    assertEquals("microseconds", json.getString("latencyUnit"));
    assertEquals(new JsonObject().put("size", "4k").put("recipients", 2), json.getJsonObject("workload"));
    assertEquals(new JsonObject().put("issued", 30L).put("ok", 28L).put("temporary", 1L).put("permanent", 1L)
        .put("connectionErrors", 0L), json.getJsonObject("operations"));
    assertEquals(3_000L, json.getLong("bytes"));
    assertInstanceOf(Number.class, json.getValue("elapsedSeconds"));
    assertInstanceOf(Number.class, json.getValue("operationsPerSecond"));
    assertTrue(json.getDouble("operationsPerSecond") > 0);

    JsonObject phases = json.getJsonObject("phases");
    assertEquals(List.of("connect", "work", "operation"), List.copyOf(phases.fieldNames()));
    JsonObject operation = phases.getJsonObject("operation");
    assertEquals(List.of("count", "p50", "p90", "p99", "p999", "max", "mean"), List.copyOf(operation.fieldNames()));
    assertEquals(30L, operation.getLong("count"));
    for (String key : operation.fieldNames()) {
      assertInstanceOf(Number.class, operation.getValue(key), key);
    }
    assertTrue(operation.getLong("p50") <= operation.getLong("p99"));
    assertTrue(operation.getLong("p99") <= operation.getLong("max"));
    assertEquals(2L, phases.getJsonObject("connect").getLong("count"));
    assertEquals(1L, phases.getJsonObject("connect").getLong("max"), "1000 ns recorded as 1 µs");
    assertFalse(json.containsKey("startLag"));
    // Survives a round trip through text as the same numbers.
    assertEquals(json, new JsonObject(json.encodePrettily()));
  }

  @Test
  void openLoopReportsTheRateAndTheStartLag() throws Exception {
    JsonObject json = new LoadReport("[::1]:25", run(new FakeWorkload(), 500), Map.of()).toJson();

    assertEquals("open", json.getString("mode"));
    assertEquals(500.0, json.getDouble("ratePerSecond"));
    assertEquals(30L, json.getJsonObject("startLag").getLong("count"));
    assertInstanceOf(Number.class, json.getJsonObject("startLag").getValue("p99"));
  }

  @Test
  void summaryListsOutcomesAndATableOfPhasesInMilliseconds() throws Exception {
    RunResult result = run(new FakeWorkload().answers(i -> i == 0 ? FakeWorkload.Answer.BREAK
        : FakeWorkload.Answer.OK), 0);
    StringWriter text = new StringWriter();
    new LoadReport("127.0.0.1:2525", result, details()).printSummary(new PrintWriter(text));
    String summary = text.toString();

    assertTrue(summary.contains("target         127.0.0.1:2525"), summary);
    assertTrue(summary.contains("mode           closed loop"), summary);
    assertTrue(summary.contains("size           4k"), summary);
    assertTrue(summary.matches("(?s).*things +30 issued in \\S+: [0-9.]+ things/s, [0-9.]+ MiB/s.*"), summary);
    assertTrue(summary.contains("ok 29, refused 4xx 0, refused 5xx 0, connection errors 1"), summary);
    assertTrue(summary.matches("(?s).*phase \\(ms\\) +count +p50 +p90 +p99 +p99\\.9 +max +mean.*"), summary);
    assertTrue(summary.matches("(?s).*\\noperation +29( +\\d+\\.\\d{3}){6}\\n.*"), summary);
    assertTrue(summary.matches("(?s).*\\nconnect +2 +0\\.001 .*"), summary);
  }
}
