package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

/** STARTTLS (RFC 3207): only when a certificate is configured and the session is not yet encrypted. */
final class StartTlsHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    if (!argument.isEmpty()) {
      session.reply(Reply.of(501, "5.5.4", "STARTTLS takes no argument"));
    } else if (session.tls()) {
      session.reply(Reply.of(503, "5.5.1", "TLS already active"));
    } else if (!session.services().tlsConfigured()) {
      session.writeUncounted(Reply.of(454, "4.7.0", "TLS not available"));
    } else {
      session.startTls();
    }
    return Future.succeededFuture();
  }
}
