package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.mailbox.Flags;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * SELECT and EXAMINE (RFC 3501 sections 6.3.1-2, CONDSTORE parameter and HIGHESTMODSEQ of RFC 7162). The
 * previously selected mailbox is let go first, so a failed SELECT leaves the session AUTHENTICATED.
 */
final class SelectHandler {

  private SelectHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Select command) {
    boolean wasSelected = session.selected() != null;
    session.unselect();
    if (wasSelected) {
      session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.CLOSED).text("previous mailbox closed").build());
    }
    if (command.condStore()) {
      session.enable(ImapSession.Extension.CONDSTORE);
    }
    return session.onContext(SelectedMailbox.open(session.services().vertx(), session.services().mailboxes(),
        session.services().summaries(),
        session.account(), command.mailbox(), command.readOnly())).transform(ar -> {
          if (ar.failed()) {
            return Future.succeededFuture(Completion.failure(ar.cause()));
          }
          SelectedMailbox mailbox = ar.result();
          if (session.closed()) {
            mailbox.close();
            return Future.succeededFuture(Completion.no("connection closed"));
          }
          session.select(mailbox);
          describe(session, mailbox);
          String verb = command.readOnly() ? "EXAMINE" : "SELECT";
          return Future.succeededFuture(Completion.ok(
              command.readOnly() ? ImapResponseCode.READ_ONLY : ImapResponseCode.READ_WRITE, verb + " completed"));
        });
  }

  private static void describe(ImapSession session, SelectedMailbox mailbox) {
    Set<String> keywords = new LinkedHashSet<>();
    for (MessageView message : mailbox.all()) {
      for (String flag : message.summary().flags()) {
        if (!flag.startsWith("\\")) {
          keywords.add(flag);
        }
      }
    }
    List<String> flags = new ArrayList<>(Flags.SYSTEM);
    flags.addAll(keywords);
    session.send(ImapResponseBuilder.untagged().atom("FLAGS").flags(flags).build());
    List<String> permanent = new ArrayList<>();
    if (!mailbox.readOnly()) {
      permanent.addAll(flags);
      permanent.add("\\*");
    }
    session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.permanentFlags(permanent))
        .text(mailbox.readOnly() ? "no permanent flags in read-only mode" : "flags permitted").build());
    session.send(ImapResponseBuilder.untagged().number(mailbox.count()).atom("EXISTS").build());
    session.send(ImapResponseBuilder.untagged().number(mailbox.recentCount()).atom("RECENT").build());
    OptionalLong unseen = mailbox.firstUnseen();
    if (unseen.isPresent()) {
      session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.unseen(unseen.getAsLong()))
          .text("first unseen").build());
    }
    session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.uidValidity(mailbox.uidValidity()))
        .text("UIDs valid").build());
    session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.uidNext(mailbox.uidNext()))
        .text("predicted next UID").build());
    session.send(ImapResponseBuilder.untagged().ok(ImapResponseCode.highestModSeq(mailbox.highestModSeq()))
        .text("highest").build());
  }
}
