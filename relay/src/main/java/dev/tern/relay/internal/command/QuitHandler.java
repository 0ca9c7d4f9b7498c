package dev.tern.relay.internal.command;

import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

/** QUIT: 221 and close; an unfinished transaction is dropped by the close. */
final class QuitHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    session.quit();
    return Future.succeededFuture();
  }
}
