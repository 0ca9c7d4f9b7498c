package dev.tern.delivery.local;

import java.util.Objects;

/**
 * Settings of local delivery.
 *
 * @param overQuota          what an append refused for quota means for the recipient
 * @param maxBodyInMemory    a message up to this many bytes is read from the spool once per pass and appended from
 *                           memory to every mailbox; a bigger one is streamed from the spool once per mailbox
 * @param maxParallelAppends most mailbox appends running at once, over all passes of one scheduler
 */
public record LocalDeliveryOptions(OverQuota overQuota, long maxBodyInMemory, int maxParallelAppends) {

  /** What to do when the recipient's mailbox is over its quota. */
  public enum OverQuota {
    /** 452 4.2.2: retried with backoff until the queue lifetime ends (the default, as in Postfix). */
    DEFER,
    /** 552 5.2.2: fail now and tell the sender. */
    FAIL
  }

  public static final long DEFAULT_MAX_BODY_IN_MEMORY = 8L * 1024 * 1024;
  /** The fs mailbox store runs eight workers; more appends at once would only queue there. */
  public static final int DEFAULT_MAX_PARALLEL_APPENDS = 8;

  public LocalDeliveryOptions {
    Objects.requireNonNull(overQuota, "overQuota");
    if (maxBodyInMemory < 0) {
      throw new IllegalArgumentException("maxBodyInMemory must not be negative");
    }
    if (maxParallelAppends < 1) {
      throw new IllegalArgumentException("maxParallelAppends must be positive");
    }
  }

  /** Defer over quota, 8 MiB in memory, 8 appends at once. */
  public static LocalDeliveryOptions defaults() {
    return new LocalDeliveryOptions(OverQuota.DEFER, DEFAULT_MAX_BODY_IN_MEMORY, DEFAULT_MAX_PARALLEL_APPENDS);
  }

  public LocalDeliveryOptions withOverQuota(OverQuota value) {
    return new LocalDeliveryOptions(value, maxBodyInMemory, maxParallelAppends);
  }

  public LocalDeliveryOptions withMaxBodyInMemory(long value) {
    return new LocalDeliveryOptions(overQuota, value, maxParallelAppends);
  }

  public LocalDeliveryOptions withMaxParallelAppends(int value) {
    return new LocalDeliveryOptions(overQuota, maxBodyInMemory, value);
  }
}
