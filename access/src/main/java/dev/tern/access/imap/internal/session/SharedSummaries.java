package dev.tern.access.imap.internal.session;

import dev.tern.access.mailbox.MessageSummary;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each message summary for all the sessions that have the same mailbox selected. Every SELECT gets
 * fresh summaries from the store; a session keeps the instance already held here when it is equal, so a
 * thousand idle sessions on a 10,000-message mailbox hold 10,000 summaries between them, not 10 million (the
 * store's fresh copies become garbage at once). Summaries a session changes (flags, \Recent) are its own until
 * they are interned again. Thread-safe: sessions live on different event loops.
 */
public final class SharedSummaries {

  private record MailboxKey(String account, String mailbox, long uidValidity) {
  }

  private static final class Shared {
    final Map<Long, MessageSummary> byUid = new HashMap<>();
    int users;
  }

  private final Map<MailboxKey, Shared> mailboxes = new HashMap<>();

  /** A session starts using a mailbox; pair with {@link Lease#release()}. */
  public synchronized Lease acquire(String account, String mailbox, long uidValidity) {
    MailboxKey key = new MailboxKey(account, mailbox, uidValidity);
    Shared shared = mailboxes.computeIfAbsent(key, k -> new Shared());
    shared.users++;
    return new Lease(key, shared);
  }

  /** What one session holds: interning into its mailbox's shared summaries. */
  public final class Lease {
    private final MailboxKey key;
    private final Shared shared;
    private boolean released;

    private Lease(MailboxKey key, Shared shared) {
      this.key = key;
      this.shared = shared;
    }

    /** The shared instance equal to {@code summary}, which becomes the shared one if there was none or it differs. */
    public MessageSummary intern(MessageSummary summary) {
      synchronized (SharedSummaries.this) {
        MessageSummary held = shared.byUid.get(summary.uid());
        if (summary.equals(held)) {
          return held;
        }
        shared.byUid.put(summary.uid(), summary);
        return summary;
      }
    }

    /** The session let the mailbox go; the last one to do so frees the shared summaries. */
    public void release() {
      synchronized (SharedSummaries.this) {
        if (released) {
          return;
        }
        released = true;
        if (--shared.users == 0) {
          mailboxes.remove(key);
        }
      }
    }
  }

  /** Mailboxes with at least one session (for tests and metrics). */
  public synchronized int mailboxesInUse() {
    return mailboxes.size();
  }
}
