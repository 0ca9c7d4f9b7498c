package dev.tern.access.imap.internal.session;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommandLine;
import dev.tern.access.imap.internal.codec.ImapLineFramer;
import dev.tern.access.imap.internal.codec.ImapParseResult;
import dev.tern.access.imap.internal.codec.ImapParser;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * APPEND (RFC 3501 section 6.3.11, UIDPLUS APPENDUID): decided when the message literal is announced, before
 * any octet of it is accepted. Too big: NO [TOOBIG]; no such mailbox: NO [TRYCREATE]; otherwise the literal
 * streams into {@link dev.tern.access.mailbox.MailboxStore#append} as it arrives (after "+" for a
 * synchronising literal), so memory stays bounded whatever the message size.
 */
final class AppendReceiver {

  private static final System.Logger LOG = System.getLogger(AppendReceiver.class.getName());

  private final ImapSession session;
  private final String tag;
  private final ImapCommand.Append command;
  private final long uidValidity;
  private final LiteralReadStream literal;
  private Future<Long> stored;

  private AppendReceiver(ImapSession session, String tag, ImapCommand.Append command, long uidValidity) {
    this.session = session;
    this.tag = tag;
    this.command = command;
    this.uidValidity = uidValidity;
    this.literal = new LiteralReadStream(session::processInput);
  }

  /**
   * Decides about an announced APPEND literal. Completes with the receiver that takes the octets, or with null
   * when the APPEND was answered already (the literal is then refused at the framer).
   */
  static Future<AppendReceiver> begin(ImapSession session, ImapLineFramer.LiteralAnnounced announced) {
    ImapCommandLine soFar = announced.soFar();
    List<Buffer> segments = new ArrayList<>(soFar.segments());
    segments.add(Buffer.buffer());
    List<ImapCommandLine.Literal> literals = new ArrayList<>(soFar.literals());
    literals.add(ImapCommandLine.Literal.streamed(announced.size()));
    ImapParseResult parsed = session.parser().parse(new ImapCommandLine(segments, literals));
    if (parsed instanceof ImapParseResult.Rejected rejected) {
      return refuse(session, rejected.tag(), Completion.bad(rejected.reason()));
    }
    String tag = ((ImapParseResult.Parsed) parsed).tag();
    ImapCommand.Append append = (ImapCommand.Append) ((ImapParseResult.Parsed) parsed).command();
    session.services().metrics().command("APPEND");
    if (session.state() != ImapState.AUTHENTICATED && session.state() != ImapState.SELECTED) {
      return refuse(session, tag, Completion.bad("APPEND is not valid before authentication"));
    }
    if (announced.size() > session.services().options().maxAppendSize()) {
      return refuse(session, tag, Completion.no(ImapResponseCode.TOOBIG,
          "message larger than " + session.services().options().maxAppendSize() + " octets"));
    }
    try {
      Flags.canonical(append.flags());
    } catch (MailboxException e) {
      return refuse(session, tag, Completion.bad("invalid flag in APPEND"));
    }
    Future<MailboxStatus> status = session.onContext(
        session.services().mailboxes().status(session.account(), append.mailbox()));
    return status.transform(ar -> {
      if (session.closed()) {
        session.framer().rejectLiteral();
        return Future.succeededFuture(null);
      }
      if (ar.failed()) {
        Completion answer = ar.cause() instanceof MailboxException e
            && e.reason() == MailboxException.Reason.NO_SUCH_MAILBOX
            ? Completion.no(ImapResponseCode.TRYCREATE, "no such mailbox") : Completion.failure(ar.cause());
        return refuse(session, tag, answer);
      }
      AppendReceiver receiver = new AppendReceiver(session, tag, append, ar.result().uidValidity());
      session.framer().streamLiteral();
      if (announced.synchronising()) {
        session.send(ImapResponseBuilder.continuation().text("Ready for literal data").build());
      }
      receiver.store();
      return Future.succeededFuture(receiver);
    });
  }

  private static Future<AppendReceiver> refuse(ImapSession session, String tag, Completion answer) {
    session.framer().rejectLiteral();
    session.complete(tag, answer, true);
    return Future.succeededFuture(null);
  }

  private void store() {
    Instant date = command.internalDate().map(d -> d.toInstant()).orElseGet(Instant::now);
    Set<String> flags = Flags.canonical(command.flags());
    stored = session.onContext(
        session.services().mailboxes().append(session.account(), command.mailbox(), flags, date, literal));
    stored.onFailure(err -> literal.discard());
  }

  boolean full() {
    return literal.full();
  }

  void chunk(ImapLineFramer.LiteralChunk chunk) {
    literal.push(chunk.data());
    if (chunk.last()) {
      literal.end();
    }
  }

  /** The client went away in the middle of the literal: the store drops the partial message. */
  void abort() {
    literal.fail(new IOException("connection closed during APPEND"));
  }

  /** The rest of the command after the literal arrived: answer once the message is stored (fsynced). */
  void finish(ImapCommandLine line) {
    boolean wellFormed = session.parser().parse(line) instanceof ImapParseResult.Parsed;
    stored.transform(ar -> {
      if (ar.failed()) {
        LOG.log(Level.DEBUG, "imap {0}: APPEND refused: {1}", session.clientIp(), ar.cause().toString());
        return Future.succeededFuture(Completion.failure(ar.cause()));
      }
      long uid = ar.result();
      if (!wellFormed) {
        // The message arrived but the command around it is broken: take it back.
        return forget(uid).map(v -> Completion.bad("unexpected text after the APPEND literal"));
      }
      session.services().metrics().appended();
      LOG.log(Level.INFO, "imap {0}: APPEND {1} to a mailbox of {2}", session.clientIp(),
          String.valueOf(command.message().size()), session.account());
      return Future.succeededFuture(Completion.ok(ImapResponseCode.appendUid(uidValidity, uid), "APPEND completed"));
    }).onComplete(ar -> session.complete(tag, ar.result(), true));
  }

  private Future<Void> forget(long uid) {
    var mailboxes = session.services().mailboxes();
    return session.onContext(mailboxes.updateFlags(session.account(), command.mailbox(), List.of(uid), FlagMode.ADD,
            Set.of(Flags.DELETED), OptionalLong.empty())
        .compose(v -> mailboxes.expunge(session.account(), command.mailbox(), Optional.of(List.of(uid))))
        .<Void>mapEmpty()
        .recover(err -> Future.succeededFuture()));
  }
}
