package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

/** NOOP (an argument is allowed and ignored, RFC 5321 4.1.1.9). */
final class NoopHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    session.reply(Reply.of(250, "2.0.0", "Ok"));
    return Future.succeededFuture();
  }
}
