package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * EXPUNGE (RFC 3501 section 6.4.3) and UID EXPUNGE (RFC 4315: only the given UIDs). The EXPUNGE responses
 * are written by the session as the command ends, like every other session's expunges.
 */
final class ExpungeHandler {

  private ExpungeHandler() {
  }

  static Future<Completion> expunge(ImapSession session, String tag, ImapCommand.Simple command) {
    return run(session, Optional.empty(), "EXPUNGE completed");
  }

  static Future<Completion> uidExpunge(ImapSession session, String tag, ImapCommand.UidExpunge command) {
    List<Long> uids = session.selected().resolve(command.uids(), true).orElse(List.of()).stream()
        .map(MessageView::uid).toList();
    if (uids.isEmpty()) {
      return Future.succeededFuture(Completion.ok("UID EXPUNGE completed"));
    }
    return run(session, Optional.of(uids), "UID EXPUNGE completed");
  }

  private static Future<Completion> run(ImapSession session, Optional<Collection<Long>> uids, String text) {
    SelectedMailbox mailbox = session.selected();
    if (mailbox.readOnly()) {
      return Future.succeededFuture(Completion.no(ImapResponseCode.READ_ONLY, "mailbox is read-only"));
    }
    return session.onContext(session.services().mailboxes().expunge(mailbox.account(), mailbox.name(), uids))
        .transform(ar -> {
          if (ar.failed()) {
            return Future.succeededFuture(Completion.failure(ar.cause()));
          }
          mailbox.expungedOwn(ar.result());
          return Future.succeededFuture(Completion.ok(text));
        });
  }
}
