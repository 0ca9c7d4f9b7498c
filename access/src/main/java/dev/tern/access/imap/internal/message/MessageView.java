package dev.tern.access.imap.internal.message;

import dev.tern.access.mailbox.MessageSummary;

/**
 * One message of the selected mailbox as the session currently shows it to its client: the message sequence
 * number it has in this session (1-based) and what the store listed about it (UID, flags, size, internal
 * date, MODSEQ, whether it is recent).
 */
public record MessageView(long sequence, MessageSummary summary) {

  public long uid() {
    return summary.uid();
  }
}
