package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** DELE n: only marks the message; QUIT removes it, RSET or a lost connection forgets the mark. */
final class DeleHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    int number = ((Pop3Command.Dele) command).message();
    if (session.maildrop().markDeleted(number)) {
      session.reply(Pop3Response.ok("message " + number + " deleted"));
    } else {
      session.error("no such message");
    }
    return Future.succeededFuture();
  }
}
