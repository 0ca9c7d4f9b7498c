package dev.tern.access.imap.internal.session;

import dev.tern.access.mailbox.MessageSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class SharedSummariesTest {

  private static MessageSummary summary(long uid, String... flags) {
    return new MessageSummary(uid, Set.of(flags), 100, Instant.ofEpochSecond(1_000_000), 7, false);
  }

  @Test
  void sessionsOnOneMailboxShareEqualSummaries() {
    SharedSummaries shared = new SharedSummaries();
    SharedSummaries.Lease first = shared.acquire("a@example.com", "INBOX", 1);
    SharedSummaries.Lease second = shared.acquire("a@example.com", "INBOX", 1);
    MessageSummary kept = first.intern(summary(1));
    assertSame(kept, second.intern(summary(1)));
    MessageSummary flagged = second.intern(summary(1, "\\Flagged"));
    assertNotSame(kept, flagged);
    assertSame(flagged, first.intern(summary(1, "\\Flagged")));
  }

  @Test
  void otherMailboxesAndUidValiditiesAreApart() {
    SharedSummaries shared = new SharedSummaries();
    MessageSummary inInbox = shared.acquire("a@example.com", "INBOX", 1).intern(summary(1));
    assertNotSame(inInbox, shared.acquire("a@example.com", "Sent", 1).intern(summary(1)));
    assertNotSame(inInbox, shared.acquire("a@example.com", "INBOX", 2).intern(summary(1)));
    assertNotSame(inInbox, shared.acquire("b@example.com", "INBOX", 1).intern(summary(1)));
  }

  @Test
  void theLastReleaseFreesTheMailbox() {
    SharedSummaries shared = new SharedSummaries();
    SharedSummaries.Lease first = shared.acquire("a@example.com", "INBOX", 1);
    SharedSummaries.Lease second = shared.acquire("a@example.com", "INBOX", 1);
    first.intern(summary(1));
    first.release();
    first.release();
    assertEquals(1, shared.mailboxesInUse());
    second.release();
    assertEquals(0, shared.mailboxesInUse());
  }
}
