package dev.tern.access.imap.internal.command;

import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxStore;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * RFC 3501 sections 6.3.3 and 6.3.5: creating or renaming to "a.b.c" SHOULD create "a" and "a.b" when they do
 * not exist. The store does not need parents (Maildir++ is flat), but a client expects the levels it sees in
 * LIST to be mailboxes it can select. One made meanwhile by another session is fine.
 */
final class Superiors {

  private Superiors() {
  }

  static Future<Void> create(MailboxStore store, String account, String name, List<MailboxInfo> existing) {
    Future<Void> chain = Future.succeededFuture();
    for (String level : MailboxTree.levelsAbove(name)) {
      if (existing.stream().anyMatch(info -> info.name().equals(level))) {
        continue;
      }
      chain = chain.compose(v -> store.create(account, level, Optional.empty()).recover(err ->
          err instanceof MailboxException refusal && refusal.reason() == MailboxException.Reason.ALREADY_EXISTS
              ? Future.succeededFuture() : Future.failedFuture(err)));
    }
    return chain;
  }

  static boolean exists(List<MailboxInfo> mailboxes, String name) {
    return mailboxes.stream().anyMatch(info -> info.name().equals(name));
  }
}
