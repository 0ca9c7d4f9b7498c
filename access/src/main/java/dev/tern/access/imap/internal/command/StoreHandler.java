package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.codec.ImapStrings;
import dev.tern.access.imap.internal.codec.SequenceSet;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.FlagUpdateResult;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * STORE and UID STORE (RFC 3501 section 6.4.6) with the UNCHANGEDSINCE modifier of CONDSTORE (RFC 7162
 * section 3.1.3).
 *
 * <p>What the client is told:
 * <ul>
 *   <li>without .SILENT, a {@code FETCH (FLAGS ...)} for every message the store still had, changed or not
 *       (the flags "as if a FETCH of those flags was done"); messages that failed UNCHANGEDSINCE get none;</li>
 *   <li>with .SILENT, nothing, except that once CONDSTORE is on (always so after UNCHANGEDSINCE, which enables
 *       it) each changed message still gets {@code FETCH (MODSEQ (n))}: RFC 7162 requires it so the client's
 *       cached mod-sequences stay right;</li>
 *   <li>UID STORE puts UID in each FETCH, and CONDSTORE adds MODSEQ;</li>
 *   <li>messages whose MODSEQ was above UNCHANGEDSINCE are listed in {@code OK [MODIFIED set]}, as message
 *       numbers for STORE and UIDs for UID STORE.</li>
 * </ul>
 * {@code \Recent} cannot be stored (it is session state): it is left out of the flags and ignored. A flag the
 * store would refuse (an unknown system flag such as {@code \Foo}) makes the command BAD, before anything is
 * changed. The changes go into the session's view at once, so the echo of the store's change event is not
 * reported a second time.
 */
final class StoreHandler {

  private static final String RECENT = "\\Recent";

  private StoreHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Store command) {
    SelectedMailbox mailbox = session.selected();
    Optional<List<MessageView>> resolved = mailbox.resolve(command.messages(), command.byUid());
    if (resolved.isEmpty()) {
      return Future.succeededFuture(Completion.bad("invalid message sequence number"));
    }
    Set<String> flags;
    try {
      flags = storable(command.flags());
    } catch (MailboxException refused) {
      return Future.succeededFuture(Completion.bad("invalid flag: " + refused.getMessage()));
    }
    if (mailbox.readOnly()) {
      return Future.succeededFuture(Completion.no(ImapResponseCode.READ_ONLY, "mailbox is read-only"));
    }
    if (command.unchangedSince().isPresent()) {
      session.enable(ImapSession.Extension.CONDSTORE);
    }
    List<MessageView> targets = resolved.get();
    if (targets.isEmpty()) {
      return Future.succeededFuture(Completion.ok(verb(command) + " completed"));
    }
    List<Long> uids = targets.stream().map(MessageView::uid).toList();
    return session.onContext(session.services().mailboxes().updateFlags(mailbox.account(), mailbox.name(), uids,
        mode(command.mode()), flags, command.unchangedSince())).transform(ar -> {
          if (ar.failed()) {
            return Future.succeededFuture(Completion.failure(ar.cause()));
          }
          FlagUpdateResult result = ar.result();
          mailbox.applyOwn(result.changed());
          return report(session, mailbox, command, flags, targets, result)
              .map(v -> completion(mailbox, command, result));
        });
  }

  /** The flags to store in canonical form, {@code \Recent} dropped; refused flags throw. */
  private static Set<String> storable(List<String> requested) {
    Set<String> flags = new LinkedHashSet<>();
    for (String flag : requested) {
      if (!flag.equalsIgnoreCase(RECENT)) {
        flags.add(Flags.canonical(flag));
      }
    }
    return flags;
  }

  private static FlagMode mode(ImapCommand.StoreMode mode) {
    return switch (mode) {
      case REPLACE -> FlagMode.REPLACE;
      case ADD -> FlagMode.ADD;
      case REMOVE -> FlagMode.REMOVE;
    };
  }

  /** The untagged FETCH responses, in message-number order. */
  private static Future<Void> report(ImapSession session, SelectedMailbox mailbox, ImapCommand.Store command,
      Set<String> flags, List<MessageView> targets, FlagUpdateResult result) {
    boolean condStore = session.condStore();
    if (command.silent() && !condStore) {
      return Future.succeededFuture();
    }
    Map<Long, Long> changedModSeq = new HashMap<>();
    for (FlagUpdateResult.Change change : result.changed()) {
      changedModSeq.put(change.uid(), change.modSeq());
    }
    Set<Long> unchanged = Set.copyOf(result.unchanged());
    List<MessageView> reported = new ArrayList<>();
    for (MessageView target : targets) {
      boolean changed = changedModSeq.containsKey(target.uid());
      if (changed || (!command.silent() && unchanged.contains(target.uid()))) {
        reported.add(target);
      }
    }
    return UntaggedWriter.write(session, reported, (target, out) -> {
      Long modSeq = changedModSeq.get(target.uid());
      // A changed message is read back from the view, which applyOwn just updated.
      MessageSummary now = modSeq != null ? mailbox.at(target.sequence()).summary() : target.summary();
      out.appendString("* " + target.sequence() + " FETCH (");
      if (command.byUid()) {
        out.appendString("UID " + target.uid() + " ");
      }
      if (!command.silent()) {
        out.appendString("FLAGS ");
        ImapStrings.flagList(out, modSeq != null ? SelectedMailbox.wireFlags(now) : asStored(now, command, flags));
        if (condStore) {
          out.appendString(" ");
        }
      }
      if (condStore) {
        out.appendString("MODSEQ (" + (modSeq != null ? modSeq : now.modSeq()) + ")");
      }
      out.appendString(")\r\n");
    });
  }

  /**
   * The flags of a message the store left as it was because it already had what was asked: the view's flags
   * with the request applied. Should another session have changed the message meanwhile, its own pending
   * update follows before the tagged response and puts the client right.
   */
  private static List<String> asStored(MessageSummary message, ImapCommand.Store command, Set<String> flags) {
    Set<String> result = new LinkedHashSet<>(message.flags());
    switch (command.mode()) {
      case REPLACE -> {
        result.clear();
        result.addAll(flags);
      }
      case ADD -> result.addAll(flags);
      case REMOVE -> result.removeAll(flags);
    }
    List<String> wire = new ArrayList<>(result);
    if (message.recent()) {
      wire.add(RECENT);
    }
    return wire;
  }

  private static Completion completion(SelectedMailbox mailbox, ImapCommand.Store command, FlagUpdateResult result) {
    if (result.failed().isEmpty()) {
      return Completion.ok(verb(command) + " completed");
    }
    long[] numbers = new long[result.failed().size()];
    for (int i = 0; i < numbers.length; i++) {
      long uid = result.failed().get(i);
      numbers[i] = command.byUid() ? uid : mailbox.sequenceOf(uid).orElseThrow();
    }
    return Completion.ok(ImapResponseCode.modified(SequenceSet.of(numbers)), "conditional STORE failed");
  }

  private static String verb(ImapCommand.Store command) {
    return command.byUid() ? "UID STORE" : "STORE";
  }
}
