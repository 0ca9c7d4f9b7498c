package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

/** VRFY: never confirms addresses (that would help harvesters), 252 as RFC 5321 3.5.3 allows. */
final class VrfyHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    if (argument.isEmpty()) {
      session.reply(Reply.of(501, "5.5.4", "Syntax: VRFY address"));
    } else {
      session.reply(Reply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"));
    }
    return Future.succeededFuture();
  }
}
