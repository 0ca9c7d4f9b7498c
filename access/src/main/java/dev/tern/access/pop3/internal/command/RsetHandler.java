package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** RSET: every deletion mark of the session is forgotten. */
final class RsetHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    Maildrop maildrop = session.maildrop();
    maildrop.unmarkAll();
    session.reply(Pop3Response.ok("maildrop has " + maildrop.count() + " messages (" + maildrop.octets() + " octets)"));
    return Future.succeededFuture();
  }
}
