package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

/** NOOP: keeps the session alive. */
final class NoopHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    session.reply(Pop3Response.ok(""));
    return Future.succeededFuture();
  }
}
