package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxNames;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.MessageSummary;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * RENAME (RFC 3501 section 6.3.5): the mailbox and every mailbox below it take the new name, keeping their
 * UIDVALIDITY and UIDs; missing superior levels of the new name are created ({@link Superiors}); a target that
 * exists is NO [ALREADYEXISTS]. Renaming INBOX is special: its messages move to a new mailbox of that name and
 * INBOX stays, empty (a message delivered while this happens simply stays in INBOX). If this session has the
 * renamed mailbox (or one below it) selected, the selection is closed ({@code * OK [CLOSED]}).
 */
final class RenameHandler {

  private RenameHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Rename command) {
    String from = command.from();
    String to;
    try {
      MailboxNames.canonical(from);
      to = MailboxNames.canonical(command.to());
    } catch (MailboxException refusal) {
      return Future.succeededFuture(Completion.failure(refusal));
    }
    if (MailboxNames.isBelow(to, from)) {
      return Future.succeededFuture(Completion.failure(
          new MailboxException(MailboxException.Reason.BAD_INPUT, "cannot rename a mailbox below itself")));
    }
    MailboxStore store = session.services().mailboxes();
    String account = session.account();
    Future<Void> renamed = store.list(account).compose(existing -> {
      if (!Superiors.exists(existing, from)) {
        return Future.failedFuture(new MailboxException(MailboxException.Reason.NO_SUCH_MAILBOX, "no " + from));
      }
      if (Superiors.exists(existing, to)) {
        return Future.failedFuture(new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "exists"));
      }
      Future<Void> superiors = Superiors.create(store, account, to, existing);
      return MailboxNames.INBOX.equals(from)
          ? superiors.compose(v -> renameInbox(store, account, to))
          : superiors.compose(v -> store.rename(account, from, to));
    });
    return session.onContext(renamed).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(Completion.failure(ar.cause()));
      }
      if (!MailboxNames.INBOX.equals(from)) {
        DeleteHandler.closeIfSelected(session, from, true);
      }
      return Future.succeededFuture(Completion.ok("RENAME completed"));
    });
  }

  /** Create the target, then move every message INBOX holds now (the move keeps flags and internal dates). */
  private static Future<Void> renameInbox(MailboxStore store, String account, String to) {
    return store.create(account, to, Optional.empty())
        .compose(v -> store.snapshot(account, MailboxNames.INBOX))
        .compose(snapshot -> {
          List<Long> uids = snapshot.messages().stream().map(MessageSummary::uid).toList();
          return uids.isEmpty() ? Future.succeededFuture()
              : store.move(account, MailboxNames.INBOX, uids, to).<Void>mapEmpty();
        });
  }

}
