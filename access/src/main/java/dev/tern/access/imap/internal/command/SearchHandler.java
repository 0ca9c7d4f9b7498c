package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.codec.SearchKey;
import dev.tern.access.imap.internal.message.MessageView;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.imap.internal.session.SelectedMailbox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * SEARCH and UID SEARCH (RFC 3501 section 6.4.4; the MODSEQ criterion and response of RFC 7162 section 3.1.5).
 * Search strings arrive decoded; only US-ASCII and UTF-8 are accepted as CHARSET.
 */
final class SearchHandler {

  private static final List<String> CHARSETS = List.of("US-ASCII", "UTF-8");

  private SearchHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Search command) {
    if (command.charset().isPresent() && !CHARSETS.contains(command.charset().get())) {
      return Future.succeededFuture(Completion.no(ImapResponseCode.badCharset(CHARSETS), "unsupported charset"));
    }
    SelectedMailbox mailbox = session.selected();
    boolean modSeq = usesModSeq(command.key());
    if (modSeq) {
      session.enable(ImapSession.Extension.CONDSTORE);
    }
    String name = command.byUid() ? "UID SEARCH" : "SEARCH";
    return session.onContext(session.services().searches().search(mailbox.account(), mailbox.name(),
        mailbox.uidValidity(), mailbox.all(), command.key())).map(found -> {
          session.send(response(found, command.byUid(), modSeq));
          return Completion.ok(name + " completed");
        });
  }

  private static Buffer response(List<MessageView> found, boolean byUid, boolean modSeq) {
    StringBuilder line = new StringBuilder(16 + found.size() * 6).append("* SEARCH");
    long highest = 0;
    for (MessageView message : found) {
      line.append(' ').append(byUid ? message.uid() : message.sequence());
      highest = Math.max(highest, message.summary().modSeq());
    }
    if (modSeq && !found.isEmpty()) {
      line.append(" (MODSEQ ").append(highest).append(')');
    }
    return Buffer.buffer(line.append("\r\n").toString());
  }

  private static boolean usesModSeq(SearchKey key) {
    if (key instanceof SearchKey.ModSeq) {
      return true;
    }
    if (key instanceof SearchKey.Not not) {
      return usesModSeq(not.key());
    }
    if (key instanceof SearchKey.Or or) {
      return usesModSeq(or.left()) || usesModSeq(or.right());
    }
    if (key instanceof SearchKey.And and) {
      return and.keys().stream().anyMatch(SearchHandler::usesModSeq);
    }
    return false;
  }
}
