package dev.tern.access.pop3.internal.session;

import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the next few small messages while the current one is being sent. Clients download a maildrop in order
 * (RETR 1, RETR 2, ...), often pipelined; without this every RETR waits for its own round trip to the store's
 * workers before a byte goes out. At most {@link #DEPTH} messages of at most {@link #MAX_SIZE} octets are held,
 * so a session never keeps more than half a MiB ahead; whatever was not asked for is closed at the end.
 * Confined to the session's event loop.
 */
final class MessageReadAhead {

  static final int DEPTH = 8;
  static final long MAX_SIZE = 64 * 1024;

  private final MailboxStore store;
  private final String mailbox;
  private final Maildrop maildrop;
  private final Map<Integer, Future<MessageContent>> ahead = new HashMap<>();

  MessageReadAhead(MailboxStore store, String mailbox, Maildrop maildrop) {
    this.store = store;
    this.mailbox = mailbox;
    this.maildrop = maildrop;
  }

  /** Opens message {@code number} (taking it from what was read ahead when there), then reads the next ones. */
  Future<MessageContent> open(int number, MessageSummary summary) {
    Future<MessageContent> wanted = ahead.remove(number);
    if (wanted == null) {
      wanted = store.open(maildrop.account(), mailbox, summary.uid());
    }
    dropBefore(number);
    for (int next = number + 1; next <= number + DEPTH; next++) {
      if (!ahead.containsKey(next)) {
        Optional<MessageSummary> message = maildrop.message(next);
        if (message.isPresent() && message.get().size() <= MAX_SIZE) {
          ahead.put(next, store.open(maildrop.account(), mailbox, message.get().uid()));
        }
      }
    }
    return wanted;
  }

  /** Closes everything read ahead and not sent. */
  void close() {
    ahead.values().forEach(MessageReadAhead::closeWhenOpen);
    ahead.clear();
  }

  /** A client that went back (or skipped ahead) will not ask for these in this run. */
  private void dropBefore(int number) {
    Iterator<Map.Entry<Integer, Future<MessageContent>>> entries = ahead.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<Integer, Future<MessageContent>> entry = entries.next();
      if (entry.getKey() < number || entry.getKey() > number + DEPTH) {
        closeWhenOpen(entry.getValue());
        entries.remove();
      }
    }
  }

  private static void closeWhenOpen(Future<MessageContent> content) {
    content.onSuccess(MessageContent::close);
  }
}
