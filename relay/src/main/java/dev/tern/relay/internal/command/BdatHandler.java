package dev.tern.relay.internal.command;

import dev.tern.delivery.Envelope.BodyType;
import dev.tern.relay.internal.codec.LineEndingChecker;
import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.BdatReceiver;
import dev.tern.relay.internal.session.SessionState;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import dev.tern.relay.internal.session.Transaction;
import io.vertx.core.Future;

import java.util.Locale;

/** BDAT size [LAST] (RFC 3030). A chunk out of sequence is read and then refused with 503. */
final class BdatHandler implements CommandHandler {

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    String[] words = argument.split(" +");
    boolean last = words.length == 2 && words[1].toUpperCase(Locale.ROOT).equals("LAST");
    if (words.length == 0 || words.length > 2 || (words.length == 2 && !last) || !isSize(words[0])) {
      session.reply(Reply.of(501, "5.5.4", "Syntax: BDAT size [LAST]"));
      return Future.succeededFuture();
    }
    long size = Long.parseLong(words[0]);
    SessionState state = session.state();
    if (state != SessionState.RCPT && state != SessionState.BDAT) {
      new BdatReceiver(session, size, last, Reply.of(503, "5.5.1", "Bad sequence of commands"), null).start();
      return Future.succeededFuture();
    }
    Transaction tx = session.transaction();
    if (tx.body() == null && BodyOpener.open(session) == null) {
      session.resetTransaction();
      new BdatReceiver(session, size, last, Reply.of(451, "4.3.0", "Cannot accept mail now, try again later"), null)
          .start();
      return Future.succeededFuture();
    }
    LineEndingChecker checker = tx.parameters().body() == BodyType.BINARY_MIME
        ? null
        : tx.lineEndings();
    new BdatReceiver(session, size, last, null, checker).start();
    return Future.succeededFuture();
  }

  private static boolean isSize(String word) {
    return !word.isEmpty() && word.length() <= 18 && word.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
