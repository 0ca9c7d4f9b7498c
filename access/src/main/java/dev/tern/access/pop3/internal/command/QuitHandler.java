package dev.tern.access.pop3.internal.command;

import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.codec.ResponseCode;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.Pop3Services;
import dev.tern.access.pop3.internal.session.Pop3Session;
import dev.tern.access.pop3.internal.session.Pop3State;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * QUIT. Before login it only says goodbye. After login the session enters UPDATE: the marked messages
 * get \Deleted and exactly those UIDs are expunged from INBOX (a \Deleted flag an IMAP client set on
 * another message is left alone); only then is the maildrop given back and the connection closed.
 */
final class QuitHandler implements CommandHandler {

  private static final System.Logger LOG = System.getLogger(QuitHandler.class.getName());

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    String bye = session.services().options().hostname() + " POP3 server signing off";
    if (session.state() == Pop3State.AUTHORIZATION) {
      LOG.log(Level.INFO, "pop3 {0}: quit before login", session.clientIp());
      session.closeWith(Pop3Response.ok(bye));
      return Future.succeededFuture();
    }
    session.enterUpdate();
    Maildrop maildrop = session.maildrop();
    List<Long> uids = maildrop.markedUids();
    if (uids.isEmpty()) {
      quit(session, 0, bye);
      return Future.succeededFuture();
    }
    MailboxStore store = session.services().mailboxes();
    String account = maildrop.account();
    Future<List<Long>> removed = store
        .updateFlags(account, Pop3Services.INBOX, uids, FlagMode.ADD, Set.of(Flags.DELETED), OptionalLong.empty())
        .compose(flagged -> store.expunge(account, Pop3Services.INBOX, Optional.of(uids)));
    return session.onContext(removed).transform(ar -> {
      session.releaseMaildrop();
      if (ar.failed()) {
        LOG.log(Level.WARNING, "pop3 {0}: quit, deleting {1} messages of {2} failed: {3}", session.clientIp(),
            String.valueOf(uids.size()), account, ar.cause().toString());
        session.closeWith(Pop3Response.err(ResponseCode.SYS_TEMP, "some deleted messages not removed"));
      } else {
        session.services().metrics().deleted(ar.result().size());
        quit(session, ar.result().size(), bye + " (" + ar.result().size() + " messages deleted)");
      }
      return Future.succeededFuture();
    });
  }

  private static void quit(Pop3Session session, int deleted, String bye) {
    LOG.log(Level.INFO, "pop3 {0}: quit {1}, {2} deleted", session.clientIp(), session.maildrop().account(),
        String.valueOf(deleted));
    session.closeWith(Pop3Response.ok(bye));
  }
}
