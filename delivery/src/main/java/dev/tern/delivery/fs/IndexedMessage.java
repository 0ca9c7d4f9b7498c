package dev.tern.delivery.fs;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the index holds of one message: the envelope, where its body is on disk, and the mutable state
 * of each recipient. Guarded by the {@link SpoolIndex} monitor.
 */
final class IndexedMessage {

  final QueueId id;
  final Envelope envelope;
  final long committedAtMillis;
  final long bodyLength;
  final long segment;
  /** The segment file (inline body) or the body file (spilled body). */
  final Path bodyPath;
  final long bodyOffset;
  final boolean inline;
  final RecipientSlot[] recipients;

  IndexedMessage(PayloadCodec.MessageHeader header, long segment, Path bodyPath, long bodyOffset) {
    this.id = header.id();
    this.envelope = header.envelope();
    this.committedAtMillis = header.committedAtMillis();
    this.bodyLength = header.bodyLength();
    this.inline = header.inline();
    this.segment = segment;
    this.bodyPath = bodyPath;
    this.bodyOffset = bodyOffset;
    List<String> addresses = envelope.recipients();
    this.recipients = new RecipientSlot[addresses.size()];
    for (int i = 0; i < recipients.length; i++) {
      recipients[i] = new RecipientSlot(committedAtMillis);
    }
  }

  boolean isFinal() {
    for (RecipientSlot slot : recipients) {
      if (!slot.isFinal()) {
        return false;
      }
    }
    return true;
  }

  QueueEntry toEntry() {
    List<QueueEntry.RecipientState> states = new ArrayList<>(recipients.length);
    for (int i = 0; i < recipients.length; i++) {
      RecipientSlot slot = recipients[i];
      states.add(new QueueEntry.RecipientState(envelope.recipients().get(i), slot.status, slot.attempts,
          slot.nextAttemptAt, slot.lastReply));
    }
    return new QueueEntry(id, envelope, bodyLength, states);
  }

  /** One recipient's state; {@code claimed} is memory only. */
  static final class RecipientSlot {
    QueueEntry.Status status = QueueEntry.Status.QUEUED;
    int attempts;
    long nextAttemptAt;
    String lastReply = "";
    boolean delayWarned;
    boolean claimed;

    RecipientSlot(long nextAttemptAt) {
      this.nextAttemptAt = nextAttemptAt;
    }

    boolean isFinal() {
      return status == QueueEntry.Status.DELIVERED || status == QueueEntry.Status.FAILED;
    }

    boolean isInitial() {
      return status == QueueEntry.Status.QUEUED && attempts == 0 && !delayWarned;
    }
  }
}
