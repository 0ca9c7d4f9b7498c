package dev.tern.delivery.fs;

import dev.tern.delivery.Claim;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.RecipientOutcome;
import dev.tern.delivery.fs.IndexedMessage.RecipientSlot;
import dev.tern.delivery.fs.PayloadCodec.RecipientStateRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory view of the spool, rebuilt from disk at start. Only the writer thread changes message
 * and recipient states, and only after the change is durable; event loops read it and take or give
 * back claims. Every method holds the monitor briefly and does no I/O, so event loops may call it.
 */
final class SpoolIndex {

  /** A recipient waiting for its next attempt. */
  private record DueKey(long at, QueueId id, int index) {}

  private static final Comparator<DueKey> DUE_ORDER = Comparator.comparingLong(DueKey::at)
      .thenComparing(DueKey::id).thenComparingInt(DueKey::index);

  private static final class SegmentUsage {
    final List<QueueId> messages = new ArrayList<>();
    int live;
  }

  private final TreeMap<QueueId, IndexedMessage> messages = new TreeMap<>();
  private final TreeSet<DueKey> due = new TreeSet<>(DUE_ORDER);
  private final TreeMap<Long, SegmentUsage> segments = new TreeMap<>();
  private long liveMessages;
  /** Recipients per status (by ordinal) among the messages the index holds. */
  private final long[] statusCounts = new long[QueueEntry.Status.values().length];

  /** Adds a message read back at recovery; {@link #finishRecovery} builds the due set afterwards. */
  synchronized void addRecovered(IndexedMessage message) {
    messages.put(message.id, message);
    segments.computeIfAbsent(message.segment, s -> new SegmentUsage()).messages.add(message.id);
  }

  /** Applies a journal record at recovery; records for unknown messages or final recipients are ignored. */
  synchronized boolean applyRecovered(RecipientStateRecord state) {
    IndexedMessage message = messages.get(state.id());
    if (message == null || state.recipientIndex() >= message.recipients.length) {
      return false;
    }
    RecipientSlot slot = message.recipients[state.recipientIndex()];
    if (slot.isFinal()) {
      return false;
    }
    set(slot, state);
    return true;
  }

  synchronized void finishRecovery() {
    liveMessages = 0;
    java.util.Arrays.fill(statusCounts, 0);
    for (IndexedMessage message : messages.values()) {
      for (RecipientSlot slot : message.recipients) {
        statusCounts[slot.status.ordinal()]++;
      }
    }
    due.clear();
    for (SegmentUsage usage : segments.values()) {
      usage.live = 0;
    }
    for (IndexedMessage message : messages.values()) {
      if (!message.isFinal()) {
        liveMessages++;
        segments.get(message.segment).live++;
        addDue(message);
      }
    }
  }

  /** Adds a message whose commit is durable. */
  synchronized void addCommitted(IndexedMessage message) {
    messages.put(message.id, message);
    SegmentUsage usage = segments.computeIfAbsent(message.segment, s -> new SegmentUsage());
    usage.messages.add(message.id);
    usage.live++;
    liveMessages++;
    statusCounts[QueueEntry.Status.QUEUED.ordinal()] += message.recipients.length;
    addDue(message);
  }

  synchronized List<Claim> claim(long nowMillis, int maxRecipients) {
    Map<QueueId, List<Claim.ClaimedRecipient>> claimed = new LinkedHashMap<>();
    int taken = 0;
    while (taken < maxRecipients && !due.isEmpty() && due.first().at() <= nowMillis) {
      DueKey key = due.pollFirst();
      IndexedMessage message = messages.get(key.id());
      RecipientSlot slot = message.recipients[key.index()];
      slot.claimed = true;
      claimed.computeIfAbsent(key.id(), id -> new ArrayList<>()).add(new Claim.ClaimedRecipient(key.index(),
          message.envelope.recipients().get(key.index()), slot.attempts, slot.lastReply, slot.delayWarned));
      taken++;
    }
    List<Claim> claims = new ArrayList<>(claimed.size());
    for (Map.Entry<QueueId, List<Claim.ClaimedRecipient>> entry : claimed.entrySet()) {
      IndexedMessage message = messages.get(entry.getKey());
      List<Claim.ClaimedRecipient> recipients = new ArrayList<>(entry.getValue());
      recipients.sort(Comparator.comparingInt(Claim.ClaimedRecipient::index));
      claims.add(new Claim(message.id, message.envelope, message.bodyLength, recipients));
    }
    return claims;
  }

  synchronized void release(Claim claim) {
    IndexedMessage message = messages.get(claim.id());
    if (message == null) {
      return;
    }
    for (Claim.ClaimedRecipient recipient : claim.recipients()) {
      if (recipient.index() < 0 || recipient.index() >= message.recipients.length) {
        continue;
      }
      RecipientSlot slot = message.recipients[recipient.index()];
      if (slot.claimed && !slot.isFinal()) {
        slot.claimed = false;
        due.add(new DueKey(slot.nextAttemptAt, message.id, recipient.index()));
      }
    }
  }

  /**
   * Turns outcomes into the journal records that describe the new states, checking them against the
   * current states. Throws, planning nothing, if any outcome is not applicable.
   */
  synchronized List<RecipientStateRecord> plan(List<RecipientOutcome> outcomes) {
    Set<String> seen = new HashSet<>();
    List<RecipientStateRecord> records = new ArrayList<>(outcomes.size());
    for (RecipientOutcome outcome : outcomes) {
      IndexedMessage message = messages.get(outcome.id());
      if (message == null) {
        throw new NoSuchElementException("no message " + outcome.id() + " in the spool");
      }
      if (outcome.recipientIndex() >= message.recipients.length) {
        throw new IllegalArgumentException("message " + outcome.id() + " has no recipient " + outcome.recipientIndex());
      }
      if (!seen.add(outcome.id() + "/" + outcome.recipientIndex())) {
        throw new IllegalArgumentException("two outcomes for recipient " + outcome.recipientIndex() + " of " + outcome.id());
      }
      RecipientSlot slot = message.recipients[outcome.recipientIndex()];
      if (slot.isFinal()) {
        throw new IllegalStateException("recipient " + outcome.recipientIndex() + " of " + outcome.id() + " is already "
            + slot.status);
      }
      records.add(new RecipientStateRecord(outcome.id(), outcome.recipientIndex(), outcome.status(),
          slot.attempts + 1, outcome.nextAttemptAt(), outcome.reply(), slot.delayWarned || outcome.delayWarned()));
    }
    return records;
  }

  /** Applies durable state records; returns the messages that became final. */
  synchronized List<IndexedMessage> apply(List<RecipientStateRecord> records) {
    List<IndexedMessage> finished = new ArrayList<>();
    for (RecipientStateRecord state : records) {
      IndexedMessage message = messages.get(state.id());
      RecipientSlot slot = message.recipients[state.recipientIndex()];
      boolean wasDue = !slot.claimed && !slot.isFinal();
      if (wasDue) {
        due.remove(new DueKey(slot.nextAttemptAt, message.id, state.recipientIndex()));
      }
      set(slot, state);
      slot.claimed = false;
      if (!slot.isFinal()) {
        due.add(new DueKey(slot.nextAttemptAt, message.id, state.recipientIndex()));
      } else if (message.isFinal()) {
        liveMessages--;
        segments.get(message.segment).live--;
        finished.add(message);
      }
    }
    return finished;
  }

  /**
   * States that move unclaimed, non-final recipients to {@code atMillis}: of one message, or of all when {@code id}
   * is null. Throws for an unknown or final message.
   */
  synchronized List<RecipientStateRecord> planReschedule(QueueId id, long atMillis) {
    List<RecipientStateRecord> records = new ArrayList<>();
    for (IndexedMessage message : id == null ? messages.values() : List.of(liveMessage(id))) {
      for (int i = 0; i < message.recipients.length; i++) {
        RecipientSlot slot = message.recipients[i];
        if (!slot.isFinal() && !slot.claimed) {
          records.add(new RecipientStateRecord(message.id, i, slot.status, slot.attempts, atMillis, slot.lastReply,
              slot.delayWarned));
        }
      }
    }
    return records;
  }

  /** States that fail every non-final recipient of a message without counting an attempt. */
  synchronized List<RecipientStateRecord> planFail(QueueId id, String reply) {
    IndexedMessage message = liveMessage(id);
    List<RecipientStateRecord> records = new ArrayList<>();
    for (int i = 0; i < message.recipients.length; i++) {
      RecipientSlot slot = message.recipients[i];
      if (!slot.isFinal()) {
        records.add(new RecipientStateRecord(message.id, i, QueueEntry.Status.FAILED, slot.attempts, 0, reply,
            slot.delayWarned));
      }
    }
    return records;
  }

  /**
   * Applies durable operator states; returns the messages that became final. A recipient claimed since the plan
   * keeps its claim unless the operator failed it: its attempt records the newer state itself.
   */
  synchronized List<IndexedMessage> applyOperator(List<RecipientStateRecord> records) {
    List<IndexedMessage> finished = new ArrayList<>();
    for (RecipientStateRecord state : records) {
      IndexedMessage message = messages.get(state.id());
      RecipientSlot slot = message.recipients[state.recipientIndex()];
      boolean failing = state.status() == QueueEntry.Status.FAILED;
      if (slot.isFinal() || (slot.claimed && !failing)) {
        continue;
      }
      if (!slot.claimed) {
        due.remove(new DueKey(slot.nextAttemptAt, message.id, state.recipientIndex()));
      }
      set(slot, state);
      slot.claimed = false;
      if (!failing) {
        due.add(new DueKey(slot.nextAttemptAt, message.id, state.recipientIndex()));
      } else if (message.isFinal()) {
        liveMessages--;
        segments.get(message.segment).live--;
        finished.add(message);
      }
    }
    return finished;
  }

  private IndexedMessage liveMessage(QueueId id) {
    IndexedMessage message = messages.get(id);
    if (message == null) {
      throw new NoSuchElementException("no message " + id + " in the queue");
    }
    if (message.isFinal()) {
      throw new IllegalStateException("message " + id + " is already final");
    }
    return message;
  }

  /** Segments other than the active one whose messages are all final. */
  synchronized List<Long> finishedSegments(long activeSegment) {
    List<Long> finished = new ArrayList<>();
    for (Map.Entry<Long, SegmentUsage> entry : segments.entrySet()) {
      if (entry.getValue().live == 0 && entry.getKey() != activeSegment) {
        finished.add(entry.getKey());
      }
    }
    return finished;
  }

  /** Forgets every message of a deleted segment; they are all final. */
  synchronized List<IndexedMessage> dropSegment(long segment) {
    SegmentUsage usage = segments.remove(segment);
    List<IndexedMessage> dropped = new ArrayList<>();
    if (usage != null) {
      for (QueueId id : usage.messages) {
        IndexedMessage message = messages.remove(id);
        for (RecipientSlot slot : message.recipients) {
          statusCounts[slot.status.ordinal()]--;
        }
        dropped.add(message);
      }
    }
    return dropped;
  }

  synchronized boolean hasSegment(long segment) {
    return segments.containsKey(segment);
  }

  /** Every recipient state that differs from the state a message starts with; what a compacted journal holds. */
  synchronized List<RecipientStateRecord> snapshot() {
    List<RecipientStateRecord> states = new ArrayList<>();
    for (IndexedMessage message : messages.values()) {
      for (int i = 0; i < message.recipients.length; i++) {
        RecipientSlot slot = message.recipients[i];
        if (!slot.isInitial()) {
          states.add(new RecipientStateRecord(message.id, i, slot.status, slot.attempts, slot.nextAttemptAt,
              slot.lastReply, slot.delayWarned));
        }
      }
    }
    return states;
  }

  synchronized IndexedMessage get(QueueId id) {
    return messages.get(id);
  }

  synchronized boolean isLive(QueueId id) {
    IndexedMessage message = messages.get(id);
    return message != null && !message.isFinal();
  }

  synchronized long liveCount() {
    return liveMessages;
  }

  synchronized List<IndexedMessage> all() {
    return new ArrayList<>(messages.values());
  }

  synchronized List<QueueEntry> listLive(int limit) {
    List<QueueEntry> entries = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
    for (IndexedMessage message : messages.values()) {
      if (entries.size() >= limit) {
        break;
      }
      if (!message.isFinal()) {
        entries.add(message.toEntry());
      }
    }
    return entries;
  }

  synchronized List<QueueEntry> listLive(QueueFilter filter, int limit) {
    List<QueueEntry> entries = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
    for (IndexedMessage message : messages.values()) {
      if (entries.size() >= limit) {
        break;
      }
      for (int i = 0; i < message.recipients.length; i++) {
        if (filter.matches(message.envelope.recipients().get(i), message.recipients[i].status)) {
          entries.add(message.toEntry());
          break;
        }
      }
    }
    return entries;
  }

  synchronized Optional<QueueEntry> find(QueueId id) {
    IndexedMessage message = messages.get(id);
    return message == null ? Optional.empty() : Optional.of(message.toEntry());
  }

  synchronized Optional<Instant> nextDue() {
    return due.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(due.first().at()));
  }

  private void addDue(IndexedMessage message) {
    for (int i = 0; i < message.recipients.length; i++) {
      RecipientSlot slot = message.recipients[i];
      if (!slot.isFinal() && !slot.claimed) {
        due.add(new DueKey(slot.nextAttemptAt, message.id, i));
      }
    }
  }

  /** Recipients in this state now (QUEUED and DEFERRED are the queue's depth). */
  synchronized long recipientCount(QueueEntry.Status status) {
    return statusCounts[status.ordinal()];
  }

  private void set(RecipientSlot slot, RecipientStateRecord state) {
    statusCounts[slot.status.ordinal()]--;
    statusCounts[state.status().ordinal()]++;
    slot.status = state.status();
    slot.attempts = state.attempts();
    slot.nextAttemptAt = state.nextAttemptAt();
    slot.lastReply = state.lastReply();
    slot.delayWarned = state.delayWarned();
  }
}
