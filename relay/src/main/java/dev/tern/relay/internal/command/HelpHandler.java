package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

import java.util.List;

/** HELP: the verbs we know. */
final class HelpHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    session.reply(new Reply(214, "2.0.0", List.of(
        "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
        "End of HELP info")));
    return Future.succeededFuture();
  }
}
