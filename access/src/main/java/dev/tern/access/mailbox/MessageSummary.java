package dev.tern.access.mailbox;

import java.time.Instant;
import java.util.Set;

/** What a mailbox listing knows about one message without reading it. Flags are canonical (see {@link Flags}). */
public record MessageSummary(long uid, Set<String> flags, long size, Instant internalDate, long modSeq,
                             boolean recent) {
  public MessageSummary {
    flags = Set.copyOf(flags);
  }
}
