package dev.tern.access.imap.internal.session;

import dev.tern.access.imap.internal.codec.ImapStrings;
import dev.tern.access.imap.internal.codec.SequenceSet;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.mailbox.FlagUpdateResult;
import dev.tern.access.mailbox.MailboxEvent;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The selected mailbox as this session's client knows it: the messages in sequence order with the flags
 * last reported, and the changes other sessions (and deliveries) made since, waiting for a point where RFC
 * 3501 lets the server tell the client. Changes arrive as {@link MailboxEvent}s on the event bus; a message
 * another session expunged keeps its sequence number here until the EXPUNGE response is sent, so the
 * client's numbers stay valid in between. Confined to the session's event loop.
 */
public final class SelectedMailbox {

  private static final System.Logger LOG = System.getLogger(SelectedMailbox.class.getName());

  private final MailboxStore store;
  private final String account;
  private final String name;
  private final boolean readOnly;
  private final long uidValidity;
  private final MessageConsumer<JsonObject> consumer;
  private final SharedSummaries.Lease summaries;
  private final ArrayList<MessageSummary> messages = new ArrayList<>();
  private final Set<Long> pendingExpunges = new TreeSet<>();
  private final Map<Long, FlagUpdateResult.Change> pendingFlags = new TreeMap<>();
  private final Set<Long> claimedRecent = new java.util.HashSet<>();
  private boolean pendingAppends;
  private long uidNext;
  private long highestModSeq;
  private Runnable changeListener = () -> { };
  private boolean closed;

  private SelectedMailbox(MailboxStore store, String account, String name, boolean readOnly, long uidValidity,
      MessageConsumer<JsonObject> consumer, SharedSummaries.Lease summaries) {
    this.summaries = summaries;
    this.store = store;
    this.account = account;
    this.name = name;
    this.readOnly = readOnly;
    this.uidValidity = uidValidity;
    this.consumer = consumer;
  }

  /**
   * Listens for changes first, then takes the snapshot, so nothing that happens in between is missed (events
   * already in the snapshot are recognised and ignored).
   */
  public static Future<SelectedMailbox> open(Vertx vertx, MailboxStore store, SharedSummaries shared, String account,
      String mailbox, boolean readOnly) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(MailboxEvent.address(account, mailbox));
    SelectedMailbox[] holder = new SelectedMailbox[1];
    List<MailboxEvent> beforeSnapshot = new ArrayList<>();
    consumer.handler(message -> {
      MailboxEvent event = MailboxEvent.fromJson(message.body());
      if (holder[0] == null) {
        beforeSnapshot.add(event);
      } else {
        holder[0].onEvent(event);
      }
    });
    return consumer.completion()
        .compose(v -> store.snapshot(account, mailbox))
        .compose(snapshot -> readOnly ? Future.succeededFuture(new Loaded(snapshot, null))
            : store.claimRecent(account, mailbox).map(claimed -> new Loaded(snapshot, claimed)))
        .transform(ar -> {
          if (ar.failed()) {
            return consumer.unregister().transform(ignored -> Future.failedFuture(ar.cause()));
          }
          MailboxSnapshot snapshot = ar.result().snapshot();
          SelectedMailbox selected = new SelectedMailbox(store, account, mailbox, readOnly,
              snapshot.status().uidValidity(), consumer,
              shared.acquire(account, mailbox, snapshot.status().uidValidity()));
          selected.load(snapshot, ar.result().claimed());
          holder[0] = selected;
          beforeSnapshot.forEach(selected::onEvent);
          return Future.succeededFuture(selected);
        });
  }

  /** A snapshot and, when selected read-write, the recent messages this session claimed. */
  private record Loaded(MailboxSnapshot snapshot, List<Long> claimed) {
  }

  private void load(MailboxSnapshot snapshot, List<Long> claimed) {
    addMessages(snapshot.messages(), 0, claimed);
    uidNext = snapshot.status().uidNext();
    highestModSeq = snapshot.status().highestModSeq();
  }

  /**
   * Adds the listed messages above {@code afterUid}. Read-write, a message is \Recent only if this session
   * claimed it (RFC 3501: recent for the first session told about it); read-only, the store's view stands.
   */
  private void addMessages(List<MessageSummary> listed, long afterUid, List<Long> claimed) {
    if (claimed != null) {
      claimedRecent.addAll(claimed);
    }
    for (MessageSummary message : listed) {
      if (message.uid() > afterUid) {
        boolean recent = readOnly ? message.recent() : claimedRecent.contains(message.uid());
        messages.add(summaries.intern(recent == message.recent() ? message : new MessageSummary(message.uid(),
            message.flags(), message.size(), message.internalDate(), message.modSeq(), recent)));
      }
    }
  }

  // --- what the client sees ---

  public String account() {
    return account;
  }

  public String name() {
    return name;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public long uidValidity() {
    return uidValidity;
  }

  public long uidNext() {
    return uidNext;
  }

  public long highestModSeq() {
    return highestModSeq;
  }

  /** Messages the client knows of (EXISTS), those expunged elsewhere but not yet reported included. */
  public int count() {
    return messages.size();
  }

  public int recentCount() {
    int recent = 0;
    for (MessageSummary message : messages) {
      if (message.recent()) {
        recent++;
      }
    }
    return recent;
  }

  /** Sequence number of the first message without \Seen, if any. */
  public OptionalLong firstUnseen() {
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).flags().contains(dev.tern.access.mailbox.Flags.SEEN)) {
        return OptionalLong.of(i + 1);
      }
    }
    return OptionalLong.empty();
  }

  public MessageView at(long sequence) {
    return new MessageView(sequence, messages.get((int) sequence - 1));
  }

  public List<MessageView> all() {
    List<MessageView> all = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      all.add(new MessageView(i + 1, messages.get(i)));
    }
    return all;
  }

  public OptionalLong sequenceOf(long uid) {
    int index = indexOf(uid);
    return index < 0 ? OptionalLong.empty() : OptionalLong.of(index + 1);
  }

  /** The largest UID the client knows of, 0 for an empty mailbox. */
  public long lastUid() {
    return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).uid();
  }

  /**
   * The messages a sequence set names, in ascending order, each once. Message numbers beyond the mailbox make
   * the set invalid (empty result: the caller answers BAD); UIDs that do not exist are simply skipped, and
   * {@code *} in a UID set is the largest UID, so "UID FETCH n:*" always includes the last message.
   */
  public Optional<List<MessageView>> resolve(SequenceSet set, boolean byUid) {
    // SequenceSet.resolve gives sorted, merged ranges: walking them yields each message once, in order.
    List<MessageView> result = new ArrayList<>();
    if (byUid) {
      for (SequenceSet.Range range : set.resolve(lastUid())) {
        for (int i = lowerBound(range.first()); i < messages.size() && messages.get(i).uid() <= range.last(); i++) {
          result.add(new MessageView(i + 1, messages.get(i)));
        }
      }
      return Optional.of(result);
    }
    long max = messages.size();
    for (SequenceSet.Range element : set.elements()) {
      if (max == 0 || element.first() > max || element.last() > max) {
        return Optional.empty();
      }
    }
    for (SequenceSet.Range range : set.resolve(max)) {
      for (long seq = range.first(); seq <= range.last(); seq++) {
        result.add(at(seq));
      }
    }
    return Optional.of(result);
  }

  // --- this session's own changes ---

  /** Flags this session changed (STORE, implicit \Seen): the view takes them now; their echo is then ignored. */
  public void applyOwn(Collection<FlagUpdateResult.Change> changes) {
    for (FlagUpdateResult.Change change : changes) {
      int index = indexOf(change.uid());
      if (index >= 0) {
        MessageSummary old = messages.get(index);
        messages.set(index, summaries.intern(withFlags(old, change.flags(), change.modSeq())));
        pendingFlags.remove(change.uid());
      }
      highestModSeq = Math.max(highestModSeq, change.modSeq());
    }
  }

  /** Messages this session expunged: reported (as EXPUNGE) when the command ends. */
  public void expungedOwn(Collection<Long> uids) {
    for (long uid : uids) {
      if (indexOf(uid) >= 0) {
        pendingExpunges.add(uid);
      }
    }
  }

  // --- changes from elsewhere ---

  /** Called when a change arrives, for IDLE to report it without waiting for a command. */
  public void onChange(Runnable listener) {
    this.changeListener = listener == null ? () -> { } : listener;
  }

  public boolean hasUpdates() {
    return pendingAppends || !pendingExpunges.isEmpty() || !pendingFlags.isEmpty();
  }

  private void onEvent(MailboxEvent event) {
    if (closed) {
      return;
    }
    if (event instanceof MailboxEvent.Appended appended) {
      if (appended.uid() > lastUid()) {
        pendingAppends = true;
      }
    } else if (event instanceof MailboxEvent.FlagsChanged changed) {
      for (FlagUpdateResult.Change change : changed.changes()) {
        int index = indexOf(change.uid());
        if (index >= 0 && change.modSeq() > messages.get(index).modSeq()) {
          pendingFlags.merge(change.uid(), change, (a, b) -> a.modSeq() >= b.modSeq() ? a : b);
        } else if (index < 0 && change.uid() > lastUid()) {
          pendingAppends = true;
        }
      }
    } else if (event instanceof MailboxEvent.Expunged expunged) {
      for (long uid : expunged.uids()) {
        if (indexOf(uid) >= 0) {
          pendingExpunges.add(uid);
        }
      }
    }
    if (hasUpdates()) {
      changeListener.run();
    }
  }

  /**
   * The untagged responses that bring the client up to date, applied to this view as they are produced:
   * EXPUNGE (only when {@code allowExpunge}), then EXISTS and RECENT for new messages, then FETCH for flags
   * changed elsewhere (with MODSEQ once CONDSTORE is on). Empty when nothing changed.
   */
  public Future<Buffer> drainUpdates(boolean allowExpunge, boolean condStore) {
    if (!pendingAppends) {
      return Future.succeededFuture(render(allowExpunge, condStore, false));
    }
    pendingAppends = false;
    return store.snapshot(account, name)
        .compose(snapshot -> readOnly ? Future.succeededFuture(new Loaded(snapshot, null))
            : store.claimRecent(account, name).map(claimed -> new Loaded(snapshot, claimed)))
        .transform(ar -> {
          if (ar.failed()) {
            LOG.log(Level.DEBUG, "imap: could not list new messages of a selected mailbox: {0}",
                ar.cause().toString());
            return Future.succeededFuture(render(allowExpunge, condStore, false));
          }
          MailboxSnapshot snapshot = ar.result().snapshot();
          int before = messages.size();
          addMessages(snapshot.messages(), lastUid(), ar.result().claimed());
          uidNext = Math.max(uidNext, snapshot.status().uidNext());
          highestModSeq = Math.max(highestModSeq, snapshot.status().highestModSeq());
          return Future.succeededFuture(render(allowExpunge, condStore, messages.size() != before));
        });
  }

  private Buffer render(boolean allowExpunge, boolean condStore, boolean grown) {
    Buffer out = Buffer.buffer();
    if (allowExpunge && !pendingExpunges.isEmpty()) {
      List<Long> gone = new ArrayList<>(pendingExpunges);
      pendingExpunges.clear();
      Collections.sort(gone, Collections.reverseOrder());
      // Highest first: each response renumbers only the messages above it, which are already reported.
      for (long uid : gone) {
        int index = indexOf(uid);
        if (index >= 0) {
          messages.remove(index);
          pendingFlags.remove(uid);
          out.appendString("* " + (index + 1) + " EXPUNGE\r\n");
        }
      }
    }
    if (grown) {
      out.appendString("* " + messages.size() + " EXISTS\r\n");
      out.appendString("* " + recentCount() + " RECENT\r\n");
    }
    if (!pendingFlags.isEmpty()) {
      for (FlagUpdateResult.Change change : pendingFlags.values()) {
        int index = indexOf(change.uid());
        if (index < 0 || pendingExpunges.contains(change.uid())) {
          continue;
        }
        MessageSummary updated = summaries.intern(withFlags(messages.get(index), change.flags(), change.modSeq()));
        messages.set(index, updated);
        highestModSeq = Math.max(highestModSeq, change.modSeq());
        out.appendString("* " + (index + 1) + " FETCH (UID " + change.uid() + " FLAGS ");
        ImapStrings.flagList(out, wireFlags(updated));
        if (condStore) {
          out.appendString(" MODSEQ (" + change.modSeq() + ")");
        }
        out.appendString(")\r\n");
      }
      pendingFlags.clear();
    }
    return out;
  }

  /** The flags a FETCH reports: the stored ones plus \Recent (session state, never stored). */
  public static List<String> wireFlags(MessageSummary message) {
    List<String> flags = new ArrayList<>(message.flags());
    if (message.recent()) {
      flags.add("\\Recent");
    }
    return flags;
  }

  /** Stops listening for changes. */
  public Future<Void> close() {
    closed = true;
    changeListener = () -> { };
    summaries.release();
    return consumer.unregister();
  }

  private static MessageSummary withFlags(MessageSummary old, Set<String> flags, long modSeq) {
    return new MessageSummary(old.uid(), flags, old.size(), old.internalDate(), Math.max(old.modSeq(), modSeq),
        old.recent());
  }

  private int indexOf(long uid) {
    int low = 0;
    int high = messages.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long at = messages.get(mid).uid();
      if (at < uid) {
        low = mid + 1;
      } else if (at > uid) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Index of the first message whose UID is at least {@code uid}. */
  private int lowerBound(long uid) {
    int low = 0;
    int high = messages.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (messages.get(mid).uid() < uid) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
