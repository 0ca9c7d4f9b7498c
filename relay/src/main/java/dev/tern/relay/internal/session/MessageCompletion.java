package dev.tern.relay.internal.session;

import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.internal.codec.Reply;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Ends a message body: refuses it when a limit or a syntax rule was broken (nothing is stored), else
 * commits it and answers 250 only once the spool says the message is durable.
 */
final class MessageCompletion {

  private static final System.Logger LOG = System.getLogger(MessageCompletion.class.getName());

  private MessageCompletion() {
  }

  /**
   * @param bareLineEnding a bare CR or LF was in the body
   * @param lineTooLong    a text line exceeded the limit
   */
  static void finish(SmtpSession session, boolean bareLineEnding, boolean lineTooLong) {
    Transaction tx = session.transaction();
    BodySink body = tx.body();
    SmtpServerOptions options = session.services().options();
    Reply refusal = null;
    String reason = null;
    if (body.tooLarge()) {
      refusal = Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
      reason = "size";
    } else if (body.header().headerBytes() > options.maxHeaderBytes()) {
      refusal = Reply.of(554, "5.6.0", "Header section too large");
      reason = "header_size";
    } else if (body.header().receivedCount() >= options.maxReceivedHeaders()) {
      refusal = Reply.of(554, "5.4.6", "Too many Received headers, possible mail loop");
      reason = "mail_loop";
    } else if (bareLineEnding) {
      refusal = Reply.of(550, "5.6.11", "Bare CR or LF not allowed in message text");
      reason = "bare_line_ending";
    } else if (lineTooLong) {
      refusal = Reply.of(554, "5.6.0", "Line too long in message text (limit " + options.maxTextLineLength() + ")");
      reason = "line_length";
    }
    if (refusal != null) {
      LOG.log(Level.INFO, "smtp {0}: message refused ({1}), {2} bytes", session.clientIp(), reason,
          String.valueOf(body.clientBytes()));
      session.services().metrics().reject(reason);
      session.resetTransaction();
      session.writeUncounted(refusal);
      session.transactionFinished();
      return;
    }
    long endOfData = System.nanoTime();
    tx.committing(true);
    session.pauseInput();
    session.onContext(body.commit()).onComplete(ar -> {
      tx.committing(false);
      if (session.transaction() == tx) {
        session.resetTransaction();
      }
      if (ar.succeeded()) {
        Duration latency = Duration.ofNanos(System.nanoTime() - endOfData);
        session.services().metrics().accepted(body.clientBytes(), latency);
        LOG.log(Level.INFO, "smtp {0}: queued as {1}, {2} bytes, {3} recipients", session.clientIp(),
            ar.result().value(), String.valueOf(body.clientBytes()), String.valueOf(tx.recipients().size()));
        session.writeUncounted(Reply.of(250, "2.0.0", "Ok: queued as " + ar.result().value()));
      } else {
        LOG.log(Level.WARNING, "smtp {0}: spool commit failed: {1}", session.clientIp(), ar.cause().toString());
        session.services().metrics().reject("spool_failure");
        body.abort();
        session.writeUncounted(Reply.of(451, "4.3.0", "Could not store the message, try again later"));
      }
      session.transactionFinished();
      session.resumeInput();
    });
  }
}
