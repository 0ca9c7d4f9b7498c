package dev.tern.access.pop3.internal.command;

import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.util.Optional;

/** LIST [n]: the size of one message, or a scan listing of every message not marked deleted. */
final class ListHandler implements CommandHandler {

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    Maildrop maildrop = session.maildrop();
    Pop3Command.Listing listing = (Pop3Command.Listing) command;
    if (listing.message().isEmpty()) {
      String summary = maildrop.count() + " messages (" + maildrop.octets() + " octets)";
      session.reply(Pop3Response.multiLine(summary, maildrop.scanListings()));
      return Future.succeededFuture();
    }
    int number = listing.message().getAsInt();
    Optional<MessageSummary> message = maildrop.message(number);
    if (message.isEmpty()) {
      session.error("no such message");
    } else {
      session.reply(Pop3Response.ok(Pop3Response.scanListing(number, message.get().size())));
    }
    return Future.succeededFuture();
  }
}
