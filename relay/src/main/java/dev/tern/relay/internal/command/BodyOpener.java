package dev.tern.relay.internal.command;

import dev.tern.delivery.Intake;
import dev.tern.relay.internal.codec.ReceivedHeader;
import dev.tern.relay.internal.session.BodySink;
import dev.tern.relay.internal.session.SmtpSession;
import dev.tern.relay.internal.session.Transaction;

import java.lang.System.Logger.Level;
import java.time.ZonedDateTime;

/** Starts the spool Intake for a transaction's body, with our Received: header as its first bytes. */
final class BodyOpener {

  private static final System.Logger LOG = System.getLogger(BodyOpener.class.getName());

  private BodyOpener() {
  }

  /** Returns the sink, or null when the spool refused to begin (the caller answers 451). */
  static BodySink open(SmtpSession session) {
    Transaction tx = session.transaction();
    String trace = ReceivedHeader.format(session.helo(), session.clientIp(), session.services().options().hostname(),
        session.esmtp(), session.tls(), session.authenticatedUser() != null, tx.parameters().smtpUtf8(),
        tx.recipients().size() == 1 ? tx.recipients().get(0) : null, ZonedDateTime.now());
    try {
      Intake intake = session.services().spool().begin(
          tx.envelope(session.clientIp(), session.helo(), session.authenticatedUser()));
      BodySink sink = new BodySink(intake, session.services().options().maxMessageSize(), trace);
      tx.body(sink);
      return sink;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "smtp {0}: spool refused a new message: {1}", session.clientIp(), e.toString());
      return null;
    }
  }
}
