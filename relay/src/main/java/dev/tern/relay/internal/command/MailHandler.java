package dev.tern.relay.internal.command;

import dev.tern.delivery.SpoolHealth;
import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.internal.codec.MailParameters;
import dev.tern.relay.internal.codec.PathArgument;
import dev.tern.relay.internal.codec.PathSyntax;
import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import dev.tern.relay.internal.session.Transaction;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;

/** MAIL FROM: submission needs AUTH first; checks spool health, the path and the parameters. */
final class MailHandler implements CommandHandler {

  private static final System.Logger LOG = System.getLogger(MailHandler.class.getName());

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    session.reply(check(session, argument));
    return Future.succeededFuture();
  }

  private Reply check(SmtpSession session, String argument) {
    if (session.role() != Role.MX && session.authenticatedUser() == null) {
      return session.tls()
          ? Reply.of(530, "5.7.0", "Authentication required")
          : Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    }
    SpoolHealth health = session.services().spool().health();
    if (!health.accepting()) {
      LOG.log(Level.WARNING, "smtp {0}: MAIL deferred, spool not accepting: {1}", session.clientIp(), health.reason());
      session.services().metrics().reject("spool_unavailable");
      return Reply.of(452, "4.3.1", "Insufficient system storage, try again later");
    }
    PathArgument path = PathArgument.parse(argument, "FROM");
    if (path == null) {
      return Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address> [parameters]");
    }
    MailParameters.Result parameters = MailParameters.parse(path.parameters());
    if (parameters.error() != null) {
      return parameters.error();
    }
    MailParameters p = parameters.parameters();
    if (p.declaredSize() > session.services().options().maxMessageSize()) {
      session.services().metrics().reject("size");
      return Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    }
    PathSyntax.Result sender = PathSyntax.parse(path.path(), true, p.smtpUtf8(), false);
    if (!sender.ok()) {
      return switch (sender.problem()) {
        case NON_ASCII -> Reply.of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        case FORBIDDEN_CHARACTER -> Reply.of(553, "5.1.7", "Sender address contains forbidden characters");
        default -> Reply.of(501, "5.1.7", "Bad sender address syntax");
      };
    }
    String address = sender.nullPath() ? "" : sender.mailbox().address();
    session.beginTransaction(new Transaction(address, p));
    return Reply.of(250, "2.1.0", "Ok");
  }
}
