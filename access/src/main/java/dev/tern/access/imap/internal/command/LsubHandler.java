package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.mailbox.MailboxStore;
import io.vertx.core.Future;

import java.util.List;

/**
 * LSUB (RFC 3501 section 6.3.9): the subscribed names matching the pattern, \Noselect for those that no longer
 * exist. With a trailing "%", a level above a subscribed name that is not itself subscribed is listed too,
 * flagged \Noselect as the RFC demands (if "foo.bar" is subscribed but "foo" is not, LSUB "" % gives "foo").
 */
final class LsubHandler {

  private LsubHandler() {
  }

  static Future<Completion> handle(ImapSession session, ImapCommand.ListMailboxes command) {
    String argument = command.patterns().get(0);
    if (argument.isEmpty()) {
      session.send(ListHandler.rootLine("LSUB"));
      return Future.succeededFuture(Completion.ok("LSUB completed"));
    }
    ListPattern pattern = ListPattern.of(command.reference(), argument);
    MailboxStore store = session.services().mailboxes();
    String account = session.account();
    Future<MailboxTree> loaded = store.subscriptions(account)
        .compose(subscribed -> store.list(account).map(mailboxes -> new MailboxTree(mailboxes, subscribed)));
    return session.onContext(loaded).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(Completion.failure(ar.cause()));
      }
      MailboxTree tree = ar.result();
      for (String name : MailboxTree.withLevels(tree.subscribedNames())) {
        if (!pattern.matches(name)) {
          continue;
        }
        boolean subscribed = tree.subscribed(name);
        if (!subscribed && !pattern.endsWithPercent()) {
          continue;
        }
        List<String> attributes = subscribed && tree.exists(name) ? List.of() : List.of("\\Noselect");
        session.send(ImapResponseBuilder.untagged().atom("LSUB").flags(attributes).string(".").mailbox(name).build());
      }
      return Future.succeededFuture(Completion.ok("LSUB completed"));
    });
  }
}
