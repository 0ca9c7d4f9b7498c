package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import io.vertx.core.Future;

/** STARTTLS (RFC 3501 section 6.2.1); after it the client must ask for capabilities again. */
final class StartTlsHandler {

  private StartTlsHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Simple command) {
    if (session.tls()) {
      return Future.succeededFuture(Completion.bad("TLS is already active"));
    }
    if (!session.services().tlsConfigured()) {
      return Future.succeededFuture(Completion.no("TLS is not available"));
    }
    return session.startTls(tag);
  }
}
