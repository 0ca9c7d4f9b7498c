package dev.tern.delivery.local;

import dev.tern.access.RecipientResolution;
import dev.tern.delivery.QueueEntry.Status;

import java.util.ArrayList;
import java.util.List;

/** What to do with one local recipient, decided from its resolution and the message's Delivered-To lines. */
sealed interface Decision {

  /** Nothing to store: the recipient gets this outcome now. */
  record Settled(Status status, String reply) implements Decision {}

  /** Append to this account's INBOX. */
  record Direct(String mailbox) implements Decision {}

  /** Queue a new message to these addresses (mailboxes first, then forwards). */
  record Expand(List<String> targets) implements Decision {
    public Expand {
      targets = List.copyOf(targets);
    }
  }

  /**
   * Decides for a recipient that resolved to {@link RecipientResolution.Kind#LOCAL}.
   *
   * <p>An alias that names its own account ({@code alice: alice, bob}, the keep-a-copy idiom) expands to itself, so
   * its expanded message comes back to {@code alice} with {@code alice} as its newest Delivered-To line: that is the
   * second half of the same expansion and goes into alice's mailbox. Any other recipient already in the trace is a
   * loop.
   */
  static Decision of(String sender, String recipient, RecipientResolution resolution, DeliveredTo trace) {
    if (!Replies.headerSafe(sender)) {
      return new Settled(Status.FAILED, Replies.unusableSender());
    }
    if (!Replies.headerSafe(recipient)) {
      return new Settled(Status.FAILED, Replies.unusableAddress(recipient));
    }
    if (trace.tooMany()) {
      return new Settled(Status.FAILED, Replies.tooManyHops(recipient, trace.count()));
    }
    List<String> mailboxes = resolution.mailboxes();
    if (mailboxes.size() == 1 && resolution.forwards().isEmpty()) {
      String mailbox = mailboxes.get(0);
      if (!Replies.headerSafe(mailbox)) {
        return new Settled(Status.FAILED, Replies.unusableAddress(mailbox));
      }
      return trace.contains(mailbox) ? new Settled(Status.FAILED, Replies.loop(mailbox)) : new Direct(mailbox);
    }
    if (trace.newestIs(recipient)) {
      for (String mailbox : mailboxes) {
        if (mailbox.equalsIgnoreCase(recipient)) {
          return new Direct(mailbox);
        }
      }
    }
    if (trace.contains(recipient)) {
      return new Settled(Status.FAILED, Replies.loop(recipient));
    }
    List<String> targets = new ArrayList<>(mailboxes.size() + resolution.forwards().size());
    targets.addAll(mailboxes);
    targets.addAll(resolution.forwards());
    return new Expand(targets);
  }
}
