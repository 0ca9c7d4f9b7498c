package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxStore;
import dev.tern.access.mailbox.QuotaUsage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208) when the server offers QUOTA: one quota root per account, named "",
 * holding every mailbox, with the STORAGE resource in units of 1024 octets (usage rounded up, so a non-empty
 * account never shows 0; the limit rounded down, so it is never overstated). An account without a limit has a
 * root with no resources: {@code * QUOTA "" ()}. SETQUOTA is not offered: limits are the administrator's.
 */
final class QuotaHandler {

  /** The one quota root. */
  static final String ROOT = "";

  private QuotaHandler() {
  }

  static Future<Completion> getQuota(ImapSession session, String tag, ImapCommand.GetQuota command) {
    if (!session.services().options().quota()) {
      return Future.succeededFuture(notOffered("GETQUOTA"));
    }
    if (!command.root().equals(ROOT)) {
      return Future.succeededFuture(Completion.no(ImapResponseCode.NONEXISTENT, "no such quota root"));
    }
    return session.onContext(session.services().mailboxes().quota(session.account())).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(Completion.failure(ar.cause()));
      }
      session.send(quotaLine(ar.result()));
      return Future.succeededFuture(Completion.ok("GETQUOTA completed"));
    });
  }

  static Future<Completion> getQuotaRoot(ImapSession session, String tag, ImapCommand.GetQuotaRoot command) {
    if (!session.services().options().quota()) {
      return Future.succeededFuture(notOffered("GETQUOTAROOT"));
    }
    MailboxStore store = session.services().mailboxes();
    String account = session.account();
    return session.onContext(store.list(account)).transform(listed -> {
      if (listed.failed()) {
        return Future.succeededFuture(Completion.failure(listed.cause()));
      }
      if (listed.result().stream().noneMatch(info -> info.name().equals(command.mailbox()))) {
        return Future.succeededFuture(Completion.no(ImapResponseCode.NONEXISTENT, "no such mailbox"));
      }
      return session.onContext(store.quota(account)).transform(ar -> {
        if (ar.failed()) {
          return Future.succeededFuture(Completion.failure(ar.cause()));
        }
        session.send(ImapResponseBuilder.untagged().atom("QUOTAROOT").mailbox(command.mailbox()).string(ROOT).build());
        session.send(quotaLine(ar.result()));
        return Future.succeededFuture(Completion.ok("GETQUOTAROOT completed"));
      });
    });
  }

  private static Completion notOffered(String verb) {
    return Completion.bad(verb + " is not supported");
  }

  private static Buffer quotaLine(QuotaUsage usage) {
    ImapResponseBuilder line = ImapResponseBuilder.untagged().atom("QUOTA").string(ROOT).open();
    if (usage.limitBytes().isPresent()) {
      long usedKib = (usage.usedBytes() + 1023) / 1024;
      long limitKib = usage.limitBytes().getAsLong() / 1024;
      line.atom("STORAGE").number(usedKib).number(limitKib);
    }
    return line.close().build();
  }
}
