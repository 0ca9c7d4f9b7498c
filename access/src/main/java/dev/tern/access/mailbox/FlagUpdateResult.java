package dev.tern.access.mailbox;

import java.util.List;
import java.util.Set;

/**
 * Outcome of a flag update. {@code changed}: messages whose flags really changed, with their new flags and
 * MODSEQ. {@code unchanged}: messages that matched but already had the requested flags. {@code failed}:
 * UIDs refused because their MODSEQ was above UNCHANGEDSINCE (RFC 7162 MODIFIED). UIDs that do not exist
 * are silently ignored, like IMAP does.
 */
public record FlagUpdateResult(List<Change> changed, List<Long> unchanged, List<Long> failed) {

  public FlagUpdateResult {
    changed = List.copyOf(changed);
    unchanged = List.copyOf(unchanged);
    failed = List.copyOf(failed);
  }

  public record Change(long uid, Set<String> flags, long modSeq) {
    public Change {
      flags = Set.copyOf(flags);
    }
  }
}
