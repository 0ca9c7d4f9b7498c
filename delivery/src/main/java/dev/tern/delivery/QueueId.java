package dev.tern.delivery;

/** A queue id: unique, and sorting ids as strings sorts them by arrival time. */
public record QueueId(String value) implements Comparable<QueueId> {

  public QueueId {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty queue id");
    }
  }

  @Override
  public int compareTo(QueueId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
