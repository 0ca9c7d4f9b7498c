package dev.tern.load.smtp;

import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.Operation;
import dev.tern.load.engine.Outcome;
import dev.tern.load.engine.SessionContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP connection past its set-up; each operation is one mail transaction: MAIL FROM (with SIZE= when offered),
 * RCPT TO per recipient, DATA, the message, and the end-of-data reply, which is the verdict. With pipelining (asked
 * for and offered, RFC 2920) MAIL, the RCPTs and DATA go out in one write and the replies are matched in order.
 * A refused MAIL, every RCPT refused, or a refused DATA ends the transaction with RSET and is the verdict instead.
 */
final class SmtpSession implements LoadSession {

  private final SessionContext context;
  private final SmtpConnection connection;
  private final Capabilities capabilities;
  private final SmtpLoadConfig config;
  private final boolean pipelining;
  private int transactions;
  private boolean unknownState;

  SmtpSession(SessionContext context, SmtpConnection connection, Capabilities capabilities, SmtpLoadConfig config) {
    this.context = context;
    this.connection = connection;
    this.capabilities = capabilities;
    this.config = config;
    this.pipelining = config.pipelining() && capabilities.pipelining();
  }

  @Override
  public Future<Outcome> run(Operation operation) {
    MessageFactory.Message message = config.messages().message(operation.index());
    String mail = "MAIL FROM:<" + config.from() + ">" + (capabilities.size() ? " SIZE=" + message.size() : "");
    Future<Outcome> outcome = pipelining ? pipelined(mail, message) : stepByStep(mail, message);
    return outcome.andThen(done -> transactions++);
  }

  private Future<Outcome> stepByStep(String mail, MessageFactory.Message message) {
    long mailStart = System.nanoTime();
    return connection.command(mail).compose(mailReply -> {
      context.recordPhase("mail", System.nanoTime() - mailStart);
      if (!mailReply.positive()) {
        return abandon(mailReply);
      }
      return recipients(0, new ArrayList<>()).compose(rcptReplies -> {
        SmtpReply refusal = allRefused(rcptReplies);
        if (refusal != null) {
          return abandon(refusal);
        }
        long dataStart = System.nanoTime();
        return connection.command("DATA").compose(dataReply -> {
          context.recordPhase("data", System.nanoTime() - dataStart);
          return dataReply.code() == 354 ? send(message) : abandon(dataReply);
        });
      });
    });
  }

  private Future<List<SmtpReply>> recipients(int next, List<SmtpReply> replies) {
    if (next == config.recipients().size()) {
      return Future.succeededFuture(replies);
    }
    long start = System.nanoTime();
    return connection.command("RCPT TO:<" + config.recipients().get(next) + ">").compose(reply -> {
      context.recordPhase("rcpt", System.nanoTime() - start);
      replies.add(reply);
      return recipients(next + 1, replies);
    });
  }

  private Future<Outcome> pipelined(String mail, MessageFactory.Message message) {
    StringBuilder batch = new StringBuilder(mail).append("\r\n");
    for (String recipient : config.recipients()) {
      batch.append("RCPT TO:<").append(recipient).append(">\r\n");
    }
    batch.append("DATA\r\n");
    long start = System.nanoTime();
    connection.write(Buffer.buffer(batch.toString()));
    Future<SmtpReply> mailReply = timed("mail", start, connection.expect());
    List<Future<SmtpReply>> rcptReplies = new ArrayList<>();
    for (int i = 0; i < config.recipients().size(); i++) {
      rcptReplies.add(timed("rcpt", start, connection.expect()));
    }
    Future<SmtpReply> dataReply = timed("data", start, connection.expect());
    List<Future<SmtpReply>> replies = new ArrayList<>(rcptReplies);
    replies.add(0, mailReply);
    return Future.all(replies).compose(all -> dataReply).recover(broke -> closedWith(replies, broke)).compose(data -> {
      if (dataReply.failed()) {
        return verdict(data);
      }
      SmtpReply mailAnswer = mailReply.result();
      SmtpReply refusal = !mailAnswer.positive() ? mailAnswer
          : allRefused(rcptReplies.stream().map(Future::result).toList());
      if (refusal == null) {
        return data.code() == 354 ? send(message) : abandon(data);
      }
      if (data.code() != 354) {
        return abandon(refusal);
      }
      // The server took DATA although no recipient was accepted (RFC 2920 §3.1): end the empty message.
      long eodStart = System.nanoTime();
      return connection.command(".").compose(ignored -> {
        context.recordPhase("eod", System.nanoTime() - eodStart);
        return abandon(refusal);
      });
    });
  }

  /** The batch broke off: after a 421 that is the server's verdict (it closes), otherwise a connection error. */
  private static Future<SmtpReply> closedWith(List<Future<SmtpReply>> replies, Throwable broke) {
    for (Future<SmtpReply> reply : replies) {
      if (reply.succeeded() && reply.result().closing()) {
        return Future.succeededFuture(reply.result());
      }
    }
    return Future.failedFuture(broke);
  }

  private Future<SmtpReply> timed(String phase, long start, Future<SmtpReply> reply) {
    return reply.onSuccess(ignored -> context.recordPhase(phase, System.nanoTime() - start));
  }

  private Future<Outcome> send(MessageFactory.Message message) {
    long start = System.nanoTime();
    connection.write(message.head());
    connection.write(message.body());
    return connection.expect().compose(reply -> {
      context.recordPhase("eod", System.nanoTime() - start);
      context.addBytes(message.size());
      return verdict(reply);
    });
  }

  /** Ends a refused transaction with RSET (unless the server is closing) and answers the refusal's class. */
  private Future<Outcome> abandon(SmtpReply refusal) {
    if (connection.closing()) {
      return verdict(refusal);
    }
    return connection.command("RSET").transform(ar -> {
      if (ar.failed() || !ar.result().positive()) {
        unknownState = true;
      }
      return verdict(refusal);
    });
  }

  /** The refusal that counts when every recipient was refused (a 4xx if any, as worth a retry), else null. */
  private static SmtpReply allRefused(List<SmtpReply> replies) {
    SmtpReply refusal = null;
    for (SmtpReply reply : replies) {
      if (reply.positive()) {
        return null;
      }
      if (refusal == null || reply.code() / 100 == 4) {
        refusal = reply;
      }
    }
    return refusal;
  }

  private static Future<Outcome> verdict(SmtpReply reply) {
    Outcome outcome = reply.outcome();
    return outcome == null
        ? Future.failedFuture(new SmtpProtocolException("no verdict in reply " + reply))
        : Future.succeededFuture(outcome);
  }

  @Override
  public boolean reusable() {
    return !connection.broken() && !connection.closing() && !unknownState
        && (config.perConnection() == 0 || transactions < config.perConnection());
  }

  @Override
  public Future<Void> close() {
    if (connection.broken() || connection.closing() || connection.busy()) {
      return connection.close();
    }
    return connection.command("QUIT").transform(ar -> connection.close());
  }
}
