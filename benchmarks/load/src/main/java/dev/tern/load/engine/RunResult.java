package dev.tern.load.engine;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Map;

/**
 * What a finished run measured.
 *
 * @param settings  what was run
 * @param unit      what one operation is ("messages")
 * @param elapsed   from the first operation's start to the last one's end
 * @param counts    issued operations and how each ended (final: issued == done)
 * @param phases    latency per phase in microseconds, in report order, {@link LatencyBook#OPERATION} last
 * @param startLag  open loop: how late operations started after their scheduled time (µs); null in a closed loop
 */
public record RunResult(RunSettings settings, String unit, Duration elapsed, OutcomeCounters.Counts counts,
                        Map<String, Histogram> phases, Histogram startLag) {

  /** Operations that ended per second of the run. */
  public double operationsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? counts.done() / seconds : 0;
  }

  /** Payload MiB moved per second of the run. */
  public double mebibytesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? counts.bytes() / (1024.0 * 1024.0) / seconds : 0;
  }
}
