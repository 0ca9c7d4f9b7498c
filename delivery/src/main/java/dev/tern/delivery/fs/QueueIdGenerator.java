package dev.tern.delivery.fs;

import dev.tern.delivery.QueueId;

import java.security.SecureRandom;

/**
 * Makes queue ids that sort as strings in arrival order: 12 hex digits of epoch milliseconds, 4 of a
 * per-millisecond sequence and 4 of random node bits chosen at start. Fixed width lowercase hex keeps
 * string order equal to numeric order. The clock never goes backwards here: ids issued after a
 * restart start after the newest id found on disk.
 */
final class QueueIdGenerator {

  private static final int MAX_SEQUENCE = 0xFFFF;

  private final int node;
  private long lastMillis;
  private int sequence;

  QueueIdGenerator(long floorMillis) {
    this.node = new SecureRandom().nextInt(0x10000);
    this.lastMillis = floorMillis;
    this.sequence = MAX_SEQUENCE;
  }

  synchronized QueueId next() {
    long now = System.currentTimeMillis();
    if (now > lastMillis) {
      lastMillis = now;
      sequence = 0;
    } else if (sequence < MAX_SEQUENCE) {
      sequence++;
    } else {
      lastMillis++;
      sequence = 0;
    }
    return new QueueId(String.format("%012x%04x%04x", lastMillis, sequence, node));
  }

  /** The millisecond part of an id made here, or 0 for a foreign id. */
  static long millisOf(QueueId id) {
    String value = id.value();
    if (value.length() != 20) {
      return 0;
    }
    try {
      return Long.parseLong(value.substring(0, 12), 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
