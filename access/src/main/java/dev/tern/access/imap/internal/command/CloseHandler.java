package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * CLOSE (RFC 3501 section 6.4.2: silently expunges \Deleted messages unless read-only) and UNSELECT (RFC 3691:
 * the same without expunging). Either way the session is AUTHENTICATED afterwards.
 */
final class CloseHandler {

  private CloseHandler() {
  }

  static Future<Completion> close(ImapSession session, String tag, ImapCommand.Simple command) {
    SelectedMailbox mailbox = session.selected();
    session.unselect();
    if (mailbox.readOnly()) {
      return Future.succeededFuture(Completion.ok("CLOSE completed"));
    }
    return session.onContext(session.services().mailboxes().expunge(mailbox.account(), mailbox.name(),
        Optional.empty())).transform(ar -> Future.succeededFuture(
            ar.succeeded() ? Completion.ok("CLOSE completed") : Completion.failure(ar.cause())));
  }

  static Future<Completion> unselect(ImapSession session, String tag, ImapCommand.Simple command) {
    session.unselect();
    return Future.succeededFuture(Completion.ok("UNSELECT completed"));
  }
}
