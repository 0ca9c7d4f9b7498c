package dev.tern.access.pop3.internal.command;

import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.codec.ResponseCode;
import dev.tern.access.pop3.internal.codec.TopFilter;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.Pop3Services;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * RETR n and TOP n m: opens the stored message and streams it, dot-stuffed, behind "+OK". A message that
 * is gone from the store (removed by another client) is a temporary failure, not a broken session.
 */
final class RetrHandler implements CommandHandler {

  private static final System.Logger LOG = System.getLogger(RetrHandler.class.getName());

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    boolean isTop = command instanceof Pop3Command.Top;
    int number = isTop ? ((Pop3Command.Top) command).message() : ((Pop3Command.Retr) command).message();
    Maildrop maildrop = session.maildrop();
    Optional<MessageSummary> message = maildrop.message(number);
    if (message.isEmpty()) {
      session.error("no such message");
      return Future.succeededFuture();
    }
    MessageSummary summary = message.get();
    Pop3Services services = session.services();
    return session.openMessage(number, summary)
        .transform(ar -> {
          if (ar.failed()) {
            LOG.log(Level.INFO, "pop3 {0}: message uid {1} cannot be opened: {2}", session.clientIp(),
                String.valueOf(summary.uid()), ar.cause().toString());
            session.reply(Pop3Response.err(ResponseCode.SYS_TEMP, "message is not available now"));
            return Future.succeededFuture();
          }
          if (isTop) {
            TopFilter top = new TopFilter(((Pop3Command.Top) command).lines());
            return session.sendMessage(Pop3Response.ok("top of message follows"), ar.result(), top);
          }
          services.metrics().retrieved();
          return session.sendMessage(Pop3Response.ok(summary.size() + " octets"), ar.result(), null);
        });
  }
}
