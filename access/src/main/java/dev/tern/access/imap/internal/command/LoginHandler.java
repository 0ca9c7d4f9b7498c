package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import io.vertx.core.Future;

/** LOGIN (RFC 3501 section 6.2.3). */
final class LoginHandler {

  private LoginHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Login command) {
    if (!session.plaintextLoginAllowed()) {
      return Future.succeededFuture(Login.privacyRequired(session));
    }
    return Login.withPassword(session, command.user(), command.password(), "login");
  }
}
