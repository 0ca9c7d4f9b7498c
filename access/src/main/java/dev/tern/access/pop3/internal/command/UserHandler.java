package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** USER (RFC 1939 section 7): remembers the name for PASS; says nothing about whether it exists. */
final class UserHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    if (!session.plaintextLoginAllowed()) {
      Login.refusePlaintext(session);
    } else {
      session.pendingUser(((Pop3Command.User) command).name());
      session.reply(Pop3Response.ok("send PASS"));
    }
    return Future.succeededFuture();
  }
}
