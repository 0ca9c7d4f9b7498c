package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import dev.tern.access.mailbox.MailboxNames;
import io.vertx.core.Future;

/**
 * DELETE (RFC 3501 section 6.3.4). The mailbox and its messages go; its children stay, and its name lives on
 * as a \Noselect hierarchy level in LIST, which is what the RFC prescribes for a parent that is deleted. INBOX
 * cannot be deleted (NO [CANNOT]). Subscriptions are left alone (section 6.3.6). Deleting the mailbox this
 * session has selected closes it first-hand: the session is back in the authenticated state and says so with
 * {@code * OK [CLOSED]}. Another session that has it selected finds it gone at its next command.
 */
final class DeleteHandler {

  private DeleteHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Delete command) {
    return session.onContext(session.services().mailboxes().delete(session.account(), command.mailbox()))
        .transform(ar -> {
          if (ar.failed()) {
            return Future.succeededFuture(Completion.failure(ar.cause()));
          }
          closeIfSelected(session, command.mailbox(), false);
          return Future.succeededFuture(Completion.ok("DELETE completed"));
        });
  }

  /**
   * Unselects the session's mailbox when it is {@code name} (or lies below it, with {@code withChildren}): the
   * session would otherwise go on working on a name that no longer exists.
   */
  static void closeIfSelected(ImapSession session, String name, boolean withChildren) {
    SelectedMailbox selected = session.selected();
    if (selected == null) {
      return;
    }
    String current = selected.name();
    if (current.equals(name) || withChildren && MailboxNames.isBelow(current, name)) {
      session.unselect();
      session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.CLOSED).text("mailbox no longer selected")
          .build());
    }
  }
}
