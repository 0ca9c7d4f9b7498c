package dev.tern.relay.internal.command;

import dev.tern.delivery.Envelope.BodyType;
import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.BodySink;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.DataReceiver;
import dev.tern.relay.internal.session.SessionState;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

/** DATA: 354, then the body is read by a {@link DataReceiver} until CRLF.CRLF. */
final class DataHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    if (!argument.isEmpty()) {
      session.reply(Reply.of(501, "5.5.4", "DATA takes no argument"));
      return Future.succeededFuture();
    }
    if (session.transaction().parameters().body() == BodyType.BINARY_MIME) {
      session.reply(Reply.of(503, "5.5.1", "BODY=BINARYMIME requires BDAT"));
      return Future.succeededFuture();
    }
    BodySink sink = BodyOpener.open(session);
    if (sink == null) {
      session.resetTransaction();
      session.writeUncounted(Reply.of(451, "4.3.0", "Cannot accept mail now, try again later"));
      return Future.succeededFuture();
    }
    session.startBody(new DataReceiver(session, sink, session.services().options().maxTextLineLength()),
        SessionState.DATA);
    session.writeUncounted(Reply.plain(354, "End data with <CR><LF>.<CR><LF>"));
    return Future.succeededFuture();
  }
}
