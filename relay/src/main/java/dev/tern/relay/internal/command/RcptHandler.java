package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.MailParameters;
import dev.tern.relay.internal.codec.Mailbox;
import dev.tern.relay.internal.codec.PathArgument;
import dev.tern.relay.internal.codec.PathSyntax;
import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SessionState;
import dev.tern.relay.internal.session.SmtpSession;
import dev.tern.relay.internal.session.Transaction;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;

/**
 * RCPT TO: local recipients must exist; other domains need the relay policy. Only the domain after the
 * last '@' decides where mail goes: a local part that looks like routing (percent hack, bang path,
 * quoted '@') is never followed, so for a local domain it is simply an unknown user.
 */
final class RcptHandler implements CommandHandler {

  private static final System.Logger LOG = System.getLogger(RcptHandler.class.getName());

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    Transaction tx = session.transaction();
    if (tx.recipients().size() >= session.services().options().maxRecipients()) {
      session.writeUncounted(Reply.of(452, "4.5.3", "Too many recipients"));
      return Future.succeededFuture();
    }
    PathArgument path = PathArgument.parse(argument, "TO");
    if (path == null) {
      session.reply(Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address> [parameters]"));
      return Future.succeededFuture();
    }
    Reply badParameter = MailParameters.checkRecipientParameters(path.parameters());
    if (badParameter != null) {
      session.reply(badParameter);
      return Future.succeededFuture();
    }
    PathSyntax.Result parsed = PathSyntax.parse(path.path(), false, tx.parameters().smtpUtf8(), true);
    if (!parsed.ok()) {
      session.reply(switch (parsed.problem()) {
        case NON_ASCII -> Reply.of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        case FORBIDDEN_CHARACTER -> Reply.of(553, "5.1.3", "Recipient address contains forbidden characters");
        default -> Reply.of(501, "5.1.3", "Bad recipient address syntax");
      });
      return Future.succeededFuture();
    }
    Mailbox mailbox = parsed.mailbox().domain() != null
        ? parsed.mailbox()
        : new Mailbox(parsed.mailbox().localPart(), session.services().options().hostname(), false);
    return session.onContext(decide(session, mailbox)).map(reply -> {
      if (reply.code() == 250 && session.transaction() == tx) {
        tx.addRecipient(mailbox.address());
        session.state(SessionState.RCPT);
      }
      if (reply.code() == 554) {
        LOG.log(Level.INFO, "smtp {0}: relay denied to {1}", session.clientIp(), mailbox.normalizedDomain());
        session.services().metrics().reject("relay_denied");
      } else if (reply.code() == 550) {
        session.services().metrics().reject("unknown_user");
      }
      if (reply.isFailure() && !reply.isPermanentFailure()) {
        session.writeUncounted(reply);
      } else {
        session.reply(reply);
      }
      return null;
    });
  }

  private Future<Reply> decide(SmtpSession session, Mailbox mailbox) {
    if (mailbox.domainLiteral()) {
      return Future.succeededFuture(relay(session));
    }
    if (mailbox.hasRoutingCharacters()) {
      return session.services().accounts().isLocalDomain(mailbox.normalizedDomain())
          .map(local -> local ? unknownUser() : relay(session))
          .otherwise(err -> lookupFailed(session, err));
    }
    return session.services().accounts().resolve(mailbox.address())
        .map(resolution -> switch (resolution.kind()) {
          case LOCAL -> accepted();
          case UNKNOWN -> unknownUser();
          case REMOTE -> relay(session);
        })
        .otherwise(err -> lookupFailed(session, err));
  }

  private static Reply relay(SmtpSession session) {
    boolean allowed = session.services().relayPolicy().mayRelay(session.clientIp(), session.authenticatedUser() != null);
    return allowed ? accepted() : Reply.of(554, "5.7.1", "Relay access denied");
  }

  private static Reply accepted() {
    return Reply.of(250, "2.1.5", "Ok");
  }

  private static Reply unknownUser() {
    return Reply.of(550, "5.1.1", "User unknown");
  }

  private static Reply lookupFailed(SmtpSession session, Throwable err) {
    LOG.log(Level.WARNING, "smtp {0}: recipient lookup failed: {1}", session.clientIp(), err.toString());
    return Reply.of(451, "4.3.0", "Temporary lookup failure, try again later");
  }
}
