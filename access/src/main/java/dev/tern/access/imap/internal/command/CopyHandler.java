package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.codec.SequenceSet;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapDispatcher;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.UidMapping;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * COPY, MOVE and their UID forms (RFC 3501 section 6.4.7, RFC 6851, COPYUID of RFC 4315).
 *
 * <p>A missing destination is {@code NO [TRYCREATE]}, so the client may create it and try again. COPY answers
 * {@code OK [COPYUID validity source-uids destination-uids]}. MOVE removes the messages from the selected
 * mailbox, so RFC 6851 section 4.3 has the COPYUID travel in an untagged OK sent before the EXPUNGE
 * responses, which the session writes when the command ends (this handler only marks the moved UIDs as
 * expunged by this session), before the tagged OK. MOVE out of a read-only mailbox is refused, since it
 * expunges. Messages another session expunged meanwhile are skipped by the store and left out of COPYUID;
 * when none is left there is no COPYUID at all.
 */
final class CopyHandler {

  private CopyHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Copy command) {
    String verb = ImapDispatcher.name(command);
    SelectedMailbox mailbox = session.selected();
    Optional<List<MessageView>> resolved = mailbox.resolve(command.messages(), command.byUid());
    if (resolved.isEmpty()) {
      return Future.succeededFuture(Completion.bad("invalid message sequence number"));
    }
    if (command.move() && mailbox.readOnly()) {
      return Future.succeededFuture(Completion.no(ImapResponseCode.READ_ONLY,
          "mailbox is read-only, MOVE would expunge from it"));
    }
    if (resolved.get().isEmpty()) {
      return Future.succeededFuture(Completion.ok(verb + " completed"));
    }
    List<Long> uids = resolved.get().stream().map(MessageView::uid).toList();
    MailboxStore store = session.services().mailboxes();
    Future<UidMapping> transfer = command.move()
        ? store.move(mailbox.account(), mailbox.name(), uids, command.mailbox())
        : store.copy(mailbox.account(), mailbox.name(), uids, command.mailbox());
    return session.onContext(transfer).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(refusal(ar.cause()));
      }
      UidMapping mapping = ar.result();
      Optional<ImapResponseCode> copyUid = copyUid(mapping);
      if (!command.move()) {
        return Future.succeededFuture(copyUid.map(code -> Completion.ok(code, verb + " completed"))
            .orElseGet(() -> Completion.ok(verb + " completed")));
      }
      copyUid.ifPresent(code -> session.send(ImapResponseBuilder.untagged().ok(code).text("moved").build()));
      mailbox.expungedOwn(mapping.sourceUids());
      return Future.succeededFuture(Completion.ok(verb + " completed"));
    });
  }

  private static Completion refusal(Throwable cause) {
    if (cause instanceof MailboxException refused && refused.reason() == MailboxException.Reason.NO_SUCH_MAILBOX) {
      return Completion.no(ImapResponseCode.TRYCREATE, "no such mailbox");
    }
    return Completion.failure(cause);
  }

  /**
   * COPYUID (RFC 4315 section 3): the n-th UID of the source set, read in the order written, became the n-th
   * of the destination set, so each list keeps its order and only runs of consecutive UIDs become ranges.
   */
  static Optional<ImapResponseCode> copyUid(UidMapping mapping) {
    if (mapping.sourceUids().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ImapResponseCode.copyUid(mapping.destinationUidValidity(), inOrder(mapping.sourceUids()),
        inOrder(mapping.destinationUids())));
  }

  private static SequenceSet inOrder(List<Long> uids) {
    List<SequenceSet.Range> ranges = new ArrayList<>();
    long first = uids.get(0);
    long last = first;
    for (int i = 1; i < uids.size(); i++) {
      long uid = uids.get(i);
      if (uid != last + 1) {
        ranges.add(new SequenceSet.Range(first, last));
        first = uid;
      }
      last = uid;
    }
    ranges.add(new SequenceSet.Range(first, last));
    return new SequenceSet(ranges);
  }
}
