package dev.tern.delivery;

import java.util.Locale;

/**
 * Which queued messages an operator wants to see: those with at least one recipient that is not final and matches
 * both conditions on the same recipient.
 *
 * @param domain recipient domain (case-insensitive, no trailing dot), or null for any
 * @param status QUEUED or DEFERRED, or null for either
 */
public record QueueFilter(String domain, QueueEntry.Status status) {

  public static final QueueFilter ALL = new QueueFilter(null, null);

  public QueueFilter {
    if (status == QueueEntry.Status.DELIVERED || status == QueueEntry.Status.FAILED) {
      throw new IllegalArgumentException("only QUEUED or DEFERRED recipients are in the queue, not " + status);
    }
    if (domain != null) {
      domain = domain.strip().toLowerCase(Locale.ROOT);
      if (domain.endsWith(".")) {
        domain = domain.substring(0, domain.length() - 1);
      }
      if (domain.isEmpty()) {
        throw new IllegalArgumentException("empty domain filter");
      }
    }
  }

  /** Whether one recipient in this state is selected. */
  public boolean matches(String recipient, QueueEntry.Status recipientStatus) {
    if (recipientStatus == QueueEntry.Status.DELIVERED || recipientStatus == QueueEntry.Status.FAILED) {
      return false;
    }
    if (status != null && status != recipientStatus) {
      return false;
    }
    return domain == null || domain.equals(domainOf(recipient));
  }

  /** The part after the last '@', lower case; empty when there is none. */
  public static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
