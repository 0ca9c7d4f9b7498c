package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

/** RSET: drops the transaction, including a staged BDAT body. */
final class RsetHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    if (!argument.isEmpty()) {
      session.reply(Reply.of(501, "5.5.4", "RSET takes no argument"));
      return Future.succeededFuture();
    }
    session.resetTransaction();
    session.reply(Reply.of(250, "2.0.0", "Ok"));
    return Future.succeededFuture();
  }
}
