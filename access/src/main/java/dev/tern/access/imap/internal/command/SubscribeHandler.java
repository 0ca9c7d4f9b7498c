package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxStore;
import io.vertx.core.Future;

/**
 * SUBSCRIBE and UNSUBSCRIBE (RFC 3501 sections 6.3.6-7). SUBSCRIBE checks that the mailbox exists (the RFC lets
 * a server validate, and it catches typing errors); the name stays subscribed if the mailbox is deleted later.
 * UNSUBSCRIBE of a name that is not subscribed succeeds: the client gets the state it asked for.
 */
final class SubscribeHandler {

  private SubscribeHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Subscribe command) {
    MailboxStore store = session.services().mailboxes();
    String account = session.account();
    String verb = command.subscribe() ? "SUBSCRIBE" : "UNSUBSCRIBE";
    Future<Void> done;
    if (command.subscribe()) {
      done = store.list(account).compose(mailboxes -> {
        if (mailboxes.stream().noneMatch(info -> info.name().equals(command.mailbox()))) {
          return Future.failedFuture(
              new MailboxException(MailboxException.Reason.NO_SUCH_MAILBOX, "no mailbox " + command.mailbox()));
        }
        return store.subscribe(account, command.mailbox());
      });
    } else {
      done = store.unsubscribe(account, command.mailbox());
    }
    return session.onContext(done).transform(ar -> Future.succeededFuture(
        ar.succeeded() ? Completion.ok(verb + " completed") : Completion.failure(ar.cause())));
  }
}
