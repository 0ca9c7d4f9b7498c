package dev.tern.access.pop3.internal.command;

import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.util.Optional;

/** UIDL [n] (RFC 1939 section 7): unique ids built from UIDVALIDITY and UID, stable across sessions. */
final class UidlHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    Maildrop maildrop = session.maildrop();
    Pop3Command.Uidl uidl = (Pop3Command.Uidl) command;
    if (uidl.message().isEmpty()) {
      session.reply(Pop3Response.multiLine("unique-id listing follows", maildrop.uniqueIdListings()));
      return Future.succeededFuture();
    }
    int number = uidl.message().getAsInt();
    Optional<MessageSummary> message = maildrop.message(number);
    if (message.isEmpty()) {
      session.error("no such message");
    } else {
      session.reply(Pop3Response.ok(Pop3Response.uniqueIdListing(number, maildrop.uidl(message.get()))));
    }
    return Future.succeededFuture();
  }
}
