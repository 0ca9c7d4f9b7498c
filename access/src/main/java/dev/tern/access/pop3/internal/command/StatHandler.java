package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** STAT: messages not marked deleted and their octets. */
final class StatHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    Maildrop maildrop = session.maildrop();
    session.reply(Pop3Response.stat(maildrop.count(), maildrop.octets()));
    return Future.succeededFuture();
  }
}
