package dev.tern.access.mailbox;

import java.util.List;

/**
 * Result of copy or move for UIDPLUS COPYUID: {@code sourceUids.get(i)} became {@code destinationUids.get(i)}
 * in the destination, whose UIDVALIDITY is {@code destinationUidValidity}. Source UIDs that did not exist
 * are absent.
 */
public record UidMapping(long destinationUidValidity, List<Long> sourceUids, List<Long> destinationUids) {
  public UidMapping {
    sourceUids = List.copyOf(sourceUids);
    destinationUids = List.copyOf(destinationUids);
    if (sourceUids.size() != destinationUids.size()) {
      throw new IllegalArgumentException("source and destination UID lists differ in length");
    }
  }
}
