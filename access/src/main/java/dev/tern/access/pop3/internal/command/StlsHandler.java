package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** STLS (RFC 2595 section 4): only in AUTHORIZATION (the dispatcher checks), on a plaintext connection. */
final class StlsHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    if (session.tls()) {
      session.error("TLS already active");
    } else if (!session.services().tlsConfigured()) {
      session.reply(Pop3Response.err("STLS not available"));
    } else {
      return session.startTls();
    }
    return Future.succeededFuture();
  }
}
