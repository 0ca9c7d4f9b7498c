package dev.tern.delivery.fs;

import dev.tern.delivery.QueueEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/** The spool's meters. */
final class SpoolMetrics {

  private final MeterRegistry registry;
  private final Counter fsyncs;
  private final DistributionSummary batchSize;
  private final Timer commitLatency;
  private final Counter committedMessages;
  private final Counter committedBytes;
  private final Gauge depth;
  private final Gauge queuedRecipients;
  private final Gauge deferredRecipients;

  SpoolMetrics(MeterRegistry registry, SpoolIndex index) {
    this.registry = registry;
    this.fsyncs = Counter.builder("tern.spool.fsync").description("fsync batches (group commits)").register(registry);
    this.batchSize = DistributionSummary.builder("tern.spool.fsync.batch.size")
        .description("messages made durable by one fsync batch")
        .publishPercentiles(0.5, 0.9, 0.99)
        .publishPercentileHistogram()
        .register(registry);
    this.commitLatency = Timer.builder("tern.spool.commit.latency")
        .description("from Intake.commit to durable")
        .publishPercentiles(0.5, 0.9, 0.99)
        .publishPercentileHistogram()
        .register(registry);
    this.committedMessages = Counter.builder("tern.spool.committed.messages").register(registry);
    this.committedBytes = Counter.builder("tern.spool.committed.bytes").baseUnit("bytes").register(registry);
    this.depth = Gauge.builder("tern.spool.depth", index, SpoolIndex::liveCount)
        .description("messages with a recipient that is not final")
        .strongReference(true)
        .register(registry);
    this.queuedRecipients = recipientGauge(registry, index, QueueEntry.Status.QUEUED);
    this.deferredRecipients = recipientGauge(registry, index, QueueEntry.Status.DEFERRED);
  }

  private static Gauge recipientGauge(MeterRegistry registry, SpoolIndex index, QueueEntry.Status status) {
    return Gauge.builder("tern.queue.depth", index, i -> i.recipientCount(status))
        .tag("state", status.name().toLowerCase(java.util.Locale.ROOT))
        .description("recipients by state; active = being delivered now")
        .strongReference(true)
        .register(registry);
  }

  void fsyncBatch(int messages) {
    fsyncs.increment();
    if (messages > 0) {
      batchSize.record(messages);
    }
  }

  void committed(long bytes, long startNanos) {
    committedMessages.increment();
    committedBytes.increment(bytes);
    commitLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  /** Lets a reopened spool register its own depth gauge in the same registry. */
  void close() {
    registry.remove(depth);
    registry.remove(queuedRecipients);
    registry.remove(deferredRecipients);
  }
}
