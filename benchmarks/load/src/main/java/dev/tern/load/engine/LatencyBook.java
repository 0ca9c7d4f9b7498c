package dev.tern.load.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Latencies per phase, in microseconds from 1 µs to 1 hour with 3 significant digits: one HdrHistogram
 * {@link Recorder} per phase, so any event loop records without locking. The progress printer drains interval
 * histograms, which are added to the running totals the report reads.
 */
public final class LatencyBook {

  /** The engine's own phase: an operation from its intended start to its outcome. */
  public static final String OPERATION = "operation";

  static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
  private static final int DIGITS = 3;

  private final Map<String, Recorder> recorders = new LinkedHashMap<>();
  private final Map<String, Histogram> totals = new LinkedHashMap<>();
  private final Map<String, Histogram> recycled = new LinkedHashMap<>();
  private final Recorder startLag = new Recorder(HIGHEST_MICROS, DIGITS);
  private final Histogram startLagTotal = new Histogram(HIGHEST_MICROS, DIGITS);
  private Histogram startLagRecycled;

  /** A book for these phases, in report order, followed by {@link #OPERATION}. */
  public LatencyBook(List<String> phases) {
    for (String phase : phases) {
      add(phase);
    }
    add(OPERATION);
  }

  private void add(String phase) {
    if (recorders.containsKey(phase)) {
      throw new IllegalArgumentException("phase '" + phase + "' is listed twice");
    }
    recorders.put(phase, new Recorder(HIGHEST_MICROS, DIGITS));
    totals.put(phase, new Histogram(HIGHEST_MICROS, DIGITS));
  }

  /** Thread-safe. Values below 1 µs count as 1 µs, above an hour as an hour. */
  public void recordPhase(String phase, long nanos) {
    Recorder recorder = recorders.get(phase);
    if (recorder == null) {
      throw new IllegalArgumentException("unknown phase '" + phase + "'; the workload lists " + recorders.keySet());
    }
    recorder.recordValue(micros(nanos));
  }

  /** How late an open-loop operation started after its scheduled time. Thread-safe. */
  void recordStartLag(long nanos) {
    startLag.recordValue(micros(nanos));
  }

  private static long micros(long nanos) {
    return Math.min(HIGHEST_MICROS, Math.max(1, (nanos + 500) / 1000));
  }

  /** The phases in report order, {@link #OPERATION} last. */
  public List<String> phases() {
    return List.copyOf(recorders.keySet());
  }

  /**
   * What was recorded per phase since the last call (or the start), in report order; the values also go into the
   * totals. The returned histograms are valid until the next call.
   */
  public synchronized Map<String, Histogram> interval() {
    Map<String, Histogram> interval = new LinkedHashMap<>();
    for (Map.Entry<String, Recorder> entry : recorders.entrySet()) {
      String phase = entry.getKey();
      Histogram histogram = entry.getValue().getIntervalHistogram(recycled.get(phase));
      recycled.put(phase, histogram);
      totals.get(phase).add(histogram);
      interval.put(phase, histogram);
    }
    startLagRecycled = startLag.getIntervalHistogram(startLagRecycled);
    startLagTotal.add(startLagRecycled);
    return Collections.unmodifiableMap(interval);
  }

  /** Everything recorded so far per phase, in report order (copies). */
  public synchronized Map<String, Histogram> totals() {
    interval();
    Map<String, Histogram> copies = new LinkedHashMap<>();
    totals.forEach((phase, histogram) -> copies.put(phase, histogram.copy()));
    return Collections.unmodifiableMap(copies);
  }

  /** Every start lag recorded so far (a copy); empty in a closed-loop run. */
  public synchronized Histogram startLagTotal() {
    interval();
    return startLagTotal.copy();
  }
}
