package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.FetchItem;
import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.fetch.FetchOutcome;
import dev.tern.access.imap.internal.fetch.FetchRequest;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.Flags;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FETCH and UID FETCH (RFC 3501 section 6.4.5, CHANGEDSINCE of RFC 7162). Reading a body without PEEK sets
 * \Seen first (read-write mailboxes only), so the response can carry the new flags; the responses themselves
 * are streamed by the {@link dev.tern.access.imap.internal.fetch.FetchEngine}.
 */
final class FetchHandler {

  private FetchHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Fetch command) {
    SelectedMailbox mailbox = session.selected();
    Optional<List<MessageView>> resolved = mailbox.resolve(command.messages(), command.byUid());
    if (resolved.isEmpty()) {
      return Future.succeededFuture(Completion.bad("invalid message sequence numbers"));
    }
    List<MessageView> messages = resolved.get();
    List<FetchItem> items = new ArrayList<>(command.items());
    if (command.changedSince().isPresent()) {
      session.enable(ImapSession.Extension.CONDSTORE);
      long since = command.changedSince().getAsLong();
      messages = messages.stream().filter(m -> m.summary().modSeq() > since).toList();
      if (!items.contains(FetchItem.Attribute.MODSEQ)) {
        items.add(FetchItem.Attribute.MODSEQ);
      }
    }
    String name = command.byUid() ? "UID FETCH" : "FETCH";
    if (messages.isEmpty()) {
      return Future.succeededFuture(Completion.ok(name + " completed"));
    }
    List<MessageView> chosen = messages;
    return markSeen(session, mailbox, chosen, items).compose(seen -> {
      // Re-read the views: marking \Seen changed their flags and MODSEQ.
      List<MessageView> current = chosen.stream().map(m -> mailbox.at(m.sequence())).toList();
      FetchRequest request = new FetchRequest(mailbox.account(), mailbox.name(), mailbox.uidValidity(), current,
          items, command.byUid(), seen);
      return session.onContext(session.services().fetches().fetch(request, session.output()));
    }).map(outcome -> completion(name, outcome));
  }

  private static Completion completion(String name, FetchOutcome outcome) {
    if (!outcome.vanishedUids().isEmpty()) {
      return Completion.no(ImapResponseCode.EXPUNGEISSUED, "some of the requested messages no longer exist");
    }
    return Completion.ok(name + " completed");
  }

  /** RFC 3501: BODY[...] (not PEEK), RFC822 and RFC822.TEXT set \Seen; EXAMINE never changes flags. */
  private static Future<Set<Long>> markSeen(ImapSession session, SelectedMailbox mailbox, List<MessageView> messages,
      List<FetchItem> items) {
    if (mailbox.readOnly() || items.stream().noneMatch(FetchHandler::setsSeen)) {
      return Future.succeededFuture(Set.of());
    }
    List<Long> unseen = messages.stream().filter(m -> !m.summary().flags().contains(Flags.SEEN))
        .map(MessageView::uid).toList();
    if (unseen.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return session.onContext(session.services().mailboxes().updateFlags(mailbox.account(), mailbox.name(), unseen,
        FlagMode.ADD, Set.of(Flags.SEEN), OptionalLong.empty())).map(result -> {
          mailbox.applyOwn(result.changed());
          return result.changed().stream().map(change -> change.uid()).collect(Collectors.toSet());
        });
  }

  private static boolean setsSeen(FetchItem item) {
    if (item instanceof FetchItem.BodySection section) {
      return !section.peek();
    }
    return item == FetchItem.Attribute.RFC822 || item == FetchItem.Attribute.RFC822_TEXT;
  }
}
