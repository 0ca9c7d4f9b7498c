package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * STATUS (RFC 3501 section 6.3.10, HIGHESTMODSEQ of RFC 7162). Asking for HIGHESTMODSEQ turns CONDSTORE on for
 * the session (RFC 7162 section 3.1, a "CONDSTORE enabling command"). The selected mailbox may be asked about
 * too; the counts come from the store, not from what the session has reported so far.
 */
final class StatusHandler {

  private StatusHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Status command) {
    if (command.items().contains(ImapCommand.StatusItem.HIGHESTMODSEQ)) {
      session.enable(ImapSession.Extension.CONDSTORE);
    }
    return session.onContext(session.services().mailboxes().status(session.account(), command.mailbox()))
        .transform(ar -> {
          if (ar.failed()) {
            return Future.succeededFuture(Completion.failure(ar.cause()));
          }
          session.send(statusLine(command.mailbox(), command.items(), ar.result()));
          return Future.succeededFuture(Completion.ok("STATUS completed"));
        });
  }

  /** {@code * STATUS name (ITEM value ...)} with the items in the order asked. */
  static Buffer statusLine(String mailbox, List<ImapCommand.StatusItem> items, MailboxStatus status) {
    ImapResponseBuilder line = ImapResponseBuilder.untagged().atom("STATUS").mailbox(mailbox).open();
    for (ImapCommand.StatusItem item : items) {
      line.atom(item.name()).number(switch (item) {
        case MESSAGES -> status.messages();
        case RECENT -> status.recent();
        case UIDNEXT -> status.uidNext();
        case UIDVALIDITY -> status.uidValidity();
        case UNSEEN -> status.unseen();
        case HIGHESTMODSEQ -> status.highestModSeq();
      });
    }
    return line.close().build();
  }
}
