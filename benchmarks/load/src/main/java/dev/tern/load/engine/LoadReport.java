package dev.tern.load.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a run in two forms: a text summary for people (latencies in milliseconds) and a JSON document for
 * scripts (stable keys, numbers as numbers, latencies in microseconds).
 */
public final class LoadReport {

  private static final double[] PERCENTILES = {50, 90, 99, 99.9};
  private static final String[] PERCENTILE_KEYS = {"p50", "p90", "p99", "p999"};

  private final String target;
  private final RunResult result;
  private final Map<String, Object> details;
  private final Map<String, Object> results;

  /**
   * @param target  what was loaded, as given ("127.0.0.1:2525")
   * @param details the workload's own settings worth repeating (size, recipients...), in order; strings or numbers
   */
  public LoadReport(String target, RunResult result, Map<String, Object> details) {
    this(target, result, details, Map.of());
  }

  /**
   * @param results what the workload counted ({@link Workload#results()}), in order; numbers, strings or lists of
   *                strings
   */
  public LoadReport(String target, RunResult result, Map<String, Object> details, Map<String, Object> results) {
    this.target = target;
    this.result = result;
    this.details = new LinkedHashMap<>(details);
    this.results = new LinkedHashMap<>(results);
  }

  public RunResult result() {
    return result;
  }

  public void printSummary(PrintWriter out) {
    RunSettings settings = result.settings();
    OutcomeCounters.Counts counts = result.counts();
    String unit = result.unit();
    out.printf(Locale.ROOT, "target         %s%n", target);
    out.printf(Locale.ROOT, "mode           %s%n", settings.openLoop()
        ? String.format(Locale.ROOT, "open loop, %.1f %s/s scheduled", settings.ratePerSecond(), unit)
        : "closed loop");
    out.printf(Locale.ROOT, "sessions       %d%n", settings.sessions());
    details.forEach((key, value) -> out.printf(Locale.ROOT, "%-14s %s%n", key, value));
    out.printf(Locale.ROOT, "%-14s %d issued in %s: %.1f %s/s, %.2f MiB/s%n", unit, counts.issued(),
        Units.format(result.elapsed()), result.operationsPerSecond(), unit, result.mebibytesPerSecond());
    out.printf(Locale.ROOT, "outcomes       ok %d, refused 4xx %d, refused 5xx %d, connection errors %d%n",
        counts.ok(), counts.temporary(), counts.permanent(), counts.connectionErrors());
    results.forEach((key, value) -> {
      if (value instanceof List<?> lines) {
        out.printf(Locale.ROOT, lines.isEmpty() ? "%-14s -%n" : "%s%n", key);
        lines.forEach(line -> out.printf(Locale.ROOT, "  %s%n", line));
      } else {
        out.printf(Locale.ROOT, "%-14s %s%n", key, value);
      }
    });
    if (result.startLag() != null) {
      Histogram lag = result.startLag();
      out.printf(Locale.ROOT, "start lag      p99 %s ms, max %s ms (how late operations started after their"
          + " scheduled time)%n", millis(lag.getValueAtPercentile(99)), millis(lag.getMaxValue()));
    }
    out.println();
    out.printf(Locale.ROOT, "%-10s %9s %10s %10s %10s %10s %10s %10s%n",
        "phase (ms)", "count", "p50", "p90", "p99", "p99.9", "max", "mean");
    result.phases().forEach((phase, histogram) -> {
      if (histogram.getTotalCount() == 0) {
        out.printf(Locale.ROOT, "%-10s %9d %10s %10s %10s %10s %10s %10s%n", phase, 0, "-", "-", "-", "-", "-", "-");
        return;
      }
      out.printf(Locale.ROOT, "%-10s %9d", phase, histogram.getTotalCount());
      for (double percentile : PERCENTILES) {
        out.printf(Locale.ROOT, " %10s", millis(histogram.getValueAtPercentile(percentile)));
      }
      out.printf(Locale.ROOT, " %10s %10s%n", millis(histogram.getMaxValue()), millis(histogram.getMean()));
    });
    out.flush();
  }

  private static String millis(double micros) {
    return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
  }

  /** The same figures as the summary; latencies in microseconds. */
  public JsonObject toJson() {
    RunSettings settings = result.settings();
    OutcomeCounters.Counts counts = result.counts();
    JsonObject json = new JsonObject()
        .put("target", target)
        .put("mode", settings.openLoop() ? "open" : "closed")
        .put("ratePerSecond", settings.ratePerSecond())
        .put("sessions", settings.sessions())
        .put("unit", result.unit())
        .put("operationLimit", settings.operations())
        .put("durationLimitSeconds", settings.duration() == null ? null : settings.duration().toMillis() / 1000.0)
        .put("timeoutSeconds", settings.operationTimeout().toMillis() / 1000.0);
    JsonObject workload = new JsonObject();
    details.forEach(workload::put);
    json.put("workload", workload);
    json.put("operations", new JsonObject()
        .put("issued", counts.issued())
        .put("ok", counts.ok())
        .put("temporary", counts.temporary())
        .put("permanent", counts.permanent())
        .put("connectionErrors", counts.connectionErrors()));
    if (!results.isEmpty()) {
      JsonObject workloadResults = new JsonObject();
      results.forEach((key, value) -> workloadResults.put(key, value instanceof List<?> list ? new JsonArray(
          new ArrayList<>(list)) : value));
      json.put("results", workloadResults);
    }
    json.put("elapsedSeconds", result.elapsed().toNanos() / 1e9)
        .put("operationsPerSecond", result.operationsPerSecond())
        .put("bytes", counts.bytes())
        .put("mebibytesPerSecond", result.mebibytesPerSecond())
        .put("latencyUnit", "microseconds");
    JsonObject phases = new JsonObject();
    result.phases().forEach((phase, histogram) -> phases.put(phase, latencies(histogram)));
    json.put("phases", phases);
    if (result.startLag() != null) {
      json.put("startLag", latencies(result.startLag()));
    }
    return json;
  }

  private static JsonObject latencies(Histogram histogram) {
    JsonObject json = new JsonObject().put("count", histogram.getTotalCount());
    boolean empty = histogram.getTotalCount() == 0;
    for (int i = 0; i < PERCENTILES.length; i++) {
      json.put(PERCENTILE_KEYS[i], empty ? 0 : histogram.getValueAtPercentile(PERCENTILES[i]));
    }
    return json.put("max", empty ? 0 : histogram.getMaxValue())
        .put("mean", empty ? 0 : Math.round(histogram.getMean() * 10) / 10.0);
  }
}
