package dev.tern.access.mailbox;

import java.util.List;

/** A consistent view of one mailbox at one moment: its status and its messages in ascending UID order. */
public record MailboxSnapshot(MailboxStatus status, List<MessageSummary> messages) {
  public MailboxSnapshot {
    messages = List.copyOf(messages);
  }
}
