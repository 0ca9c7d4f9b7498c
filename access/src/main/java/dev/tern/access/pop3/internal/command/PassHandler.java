package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.LoginMethod;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** PASS (RFC 1939 section 7): checks the password for the name USER gave; either way USER is needed again. */
final class PassHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    String user = session.pendingUser();
    session.pendingUser(null);
    if (user == null) {
      session.error("USER first");
      return Future.succeededFuture();
    }
    if (!session.plaintextLoginAllowed()) {
      Login.refusePlaintext(session);
      return Future.succeededFuture();
    }
    return Login.withPassword(session, user, ((Pop3Command.Pass) command).password(), LoginMethod.USER_PASS);
  }
}
