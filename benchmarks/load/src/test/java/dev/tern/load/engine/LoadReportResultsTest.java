package dev.tern.load.engine;

import io.vertx.core.json.JsonArray;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A workload's own results (Workload#results) in the summary and the JSON report. */
class LoadReportResultsTest {

  static RunResult run() throws InterruptedException {
    RunSettings settings = new RunSettings(1, 3, null, 0, Duration.ofSeconds(5), Duration.ofSeconds(5));
    return new LoadRun(new FakeWorkload(), settings, null, null).run();
  }

  @Test
  void resultsFollowTheOutcomesInTheSummaryAndGetTheirOwnJsonObject() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("retrieved", 150L);
    results.put("errors", List.of("PASS: -ERR [AUTH] invalid (3 times)", "RETR: 7 octets where LIST said 9"));
    results.put("warnings", List.of());
    LoadReport report = new LoadReport("127.0.0.1:110", run(), Map.of(), results);

    StringWriter text = new StringWriter();
    report.printSummary(new PrintWriter(text));
    String summary = text.toString();
    assertTrue(summary.matches("(?s).*\nretrieved +150\n.*"), summary);
    assertTrue(summary.contains(
        "\nerrors\n  PASS: -ERR [AUTH] invalid (3 times)\n  RETR: 7 octets where LIST said 9\n"), summary);
    assertTrue(summary.matches("(?s).*\nwarnings +-\n.*"), summary);
    assertTrue(summary.indexOf("outcomes") < summary.indexOf("retrieved"), summary);

    JsonObject json = report.toJson().getJsonObject("results");
    assertEquals(150L, json.getLong("retrieved"));
    assertEquals(new JsonArray().add("PASS: -ERR [AUTH] invalid (3 times)").add("RETR: 7 octets where LIST said 9"),
        json.getJsonArray("errors"));
    assertEquals(new JsonArray(), json.getJsonArray("warnings"));
  }

  @Test
  void aWorkloadWithoutResultsAddsNoResultsObject() throws Exception {
    assertFalse(new LoadReport("127.0.0.1:25", run(), Map.of()).toJson().containsKey("results"));
  }
}
