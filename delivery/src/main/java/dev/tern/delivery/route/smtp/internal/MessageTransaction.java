package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.route.DeliveryReport.Outcome;
import dev.tern.delivery.route.DeliveryReport.RecipientResult;
import dev.tern.delivery.route.OutboundMessage;
import dev.tern.delivery.route.smtp.OutboundOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction on an open session: MAIL, every RCPT and DATA (in one write when the server offers
 * PIPELINING), then the body, dot-stuffed after DATA or in BDAT chunks when the server offers CHUNKING. Each
 * recipient ends with its own result: a 5xx RCPT fails it, a 4xx RCPT defers it, and an accepted one takes the
 * outcome of the end-of-data reply; a reply to MAIL or DATA applies to everyone still open. A broken
 * connection defers every recipient that has no result yet. Checks that need no round trip (address syntax,
 * SIZE, 8BITMIME, SMTPUTF8) run before anything is written.
 */
public final class MessageTransaction {

  private final Vertx vertx;
  private final SmtpConnection connection;
  private final OutboundMessage message;
  private final OutboundOptions options;
  private final Reply[] replies;
  private final Outcome[] outcomes;
  private final List<Integer> accepted = new ArrayList<>();
  private boolean needsReset;
  private BodyStream body;

  public MessageTransaction(Vertx vertx, SmtpConnection connection, OutboundMessage message, OutboundOptions options) {
    this.vertx = vertx;
    this.connection = connection;
    this.message = message;
    this.options = options;
    this.replies = new Reply[message.recipients().size()];
    this.outcomes = new Outcome[message.recipients().size()];
  }

  public Future<TransactionResult> run() {
    Reply refusal = localRefusal();
    if (refusal != null) {
      settleOpen(refusal);
      return Future.succeededFuture(result());
    }
    if (openIndices().isEmpty()) {
      return Future.succeededFuture(result());
    }
    return openBody()
        .compose(v -> envelope())
        .recover(this::brokeDown)
        .eventually(() -> body == null ? Future.succeededFuture() : body.close())
        .map(v -> result());
  }

  /** A reason to fail or refuse the message without talking to the server, or null. */
  private Reply localRefusal() {
    Capabilities caps = connection.capabilities();
    boolean needsUtf8 = message.smtpUtf8() || EnvelopeAddress.nonAscii(message.sender())
        || message.recipients().stream().anyMatch(EnvelopeAddress::nonAscii);
    if (needsUtf8 && !caps.smtpUtf8()) {
      return Reply.local(553, "5.6.7 message needs SMTPUTF8 but " + connection.where() + " does not support it");
    }
    if (message.eightBit() && !caps.eightBitMime()) {
      return Reply.local(554, "5.6.3 message has 8-bit content but " + connection.where()
          + " does not support 8BITMIME");
    }
    long limit = caps.sizeLimit();
    if (limit > 0 && message.size() > limit) {
      return Reply.local(552, "5.3.4 message size " + message.size() + " exceeds the fixed maximum message size "
          + limit + " of " + connection.where());
    }
    String senderProblem = EnvelopeAddress.problem(message.sender(), true, caps.smtpUtf8());
    if (senderProblem != null) {
      return Reply.local(553, "5.1.7 invalid sender address: " + senderProblem);
    }
    for (int i = 0; i < replies.length; i++) {
      String problem = EnvelopeAddress.problem(message.recipients().get(i), false, caps.smtpUtf8());
      if (problem != null) {
        settle(i, Reply.local(553, "5.1.3 invalid recipient address: " + problem));
      }
    }
    return null;
  }

  private Future<Void> openBody() {
    return message.body().get()
        .onSuccess(stream -> {
          body = stream;
          body.pause();
        })
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new LocalFailure("cannot open the stored message: " + e.getMessage())));
  }

  private Future<Void> envelope() {
    List<Integer> open = openIndices();
    Capabilities caps = connection.capabilities();
    boolean chunking = caps.chunking();
    if (caps.pipelining()) {
      Buffer batch = SmtpConnection.commandLine(mailCommand());
      for (int i : open) {
        batch.appendBuffer(SmtpConnection.commandLine(rcptCommand(i)));
      }
      if (!chunking) {
        batch.appendBuffer(SmtpConnection.commandLine("DATA"));
      }
      connection.write(batch);
      return connection.read("MAIL", options.mailTimeout())
          .compose(mail -> readRcptReplies(open, 0, mail.positive() ? null : mail))
          .compose(v -> chunking ? sendBdat() : connection.read("DATA", options.dataInitTimeout()).compose(this::afterData));
    }
    return connection.command(mailCommand(), "MAIL", options.mailTimeout())
        .compose(mail -> {
          if (!mail.positive()) {
            settleOpen(mail);
            needsReset = true;
            return Future.succeededFuture();
          }
          return sendRcptsOneByOne(open, 0).compose(v -> {
            if (accepted.isEmpty()) {
              needsReset = true;
              return Future.succeededFuture();
            }
            return chunking ? sendBdat()
                : connection.command("DATA", "DATA", options.dataInitTimeout()).compose(this::afterData);
          });
        });
  }

  /** Pipelined: every RCPT reply must be read even after a refused MAIL, whose reply then settles them all. */
  private Future<Void> readRcptReplies(List<Integer> open, int k, Reply mailRefusal) {
    if (k >= open.size()) {
      if (mailRefusal != null) {
        for (int i : open) {
          settle(i, mailRefusal);
        }
        accepted.clear();
      }
      return Future.succeededFuture();
    }
    return connection.read("RCPT", options.rcptTimeout())
        .compose(reply -> {
          if (mailRefusal == null) {
            rcptReply(open.get(k), reply);
          }
          return readRcptReplies(open, k + 1, mailRefusal);
        });
  }

  private Future<Void> sendRcptsOneByOne(List<Integer> open, int k) {
    if (k >= open.size()) {
      return Future.succeededFuture();
    }
    int i = open.get(k);
    return connection.command(rcptCommand(i), "RCPT", options.rcptTimeout())
        .compose(reply -> {
          rcptReply(i, reply);
          return sendRcptsOneByOne(open, k + 1);
        });
  }

  private void rcptReply(int i, Reply reply) {
    if (reply.positive()) {
      accepted.add(i);
      replies[i] = reply;
    } else {
      settle(i, reply);
    }
  }

  /** The reply to DATA (pipelined or not). */
  private Future<Void> afterData(Reply data) {
    if (data.code() != 354) {
      settleAccepted(data);
      needsReset = true;
      return Future.succeededFuture();
    }
    if (accepted.isEmpty()) {
      // Pipelined DATA after every RCPT was refused, and the server still said 354: end it empty at once.
      needsReset = true;
      connection.write(Buffer.buffer(".\r\n"));
      return connection.read("end of data", options.endOfDataTimeout()).mapEmpty();
    }
    return streamData().map(reply -> {
      settleAccepted(reply);
      return null;
    });
  }

  private Future<Reply> streamData() {
    Promise<Void> sent = Promise.promise();
    DotStuffer stuffer = new DotStuffer();
    Watchdog watchdog = new Watchdog();
    connection.whenBroken().onSuccess(cause -> {
      watchdog.stop();
      sent.tryFail(cause);
    });
    body.exceptionHandler(e -> {
      watchdog.stop();
      connection.abort("4.3.0", "reading the stored message failed: " + e.getMessage());
      sent.tryFail(new LocalFailure("reading the stored message failed: " + e.getMessage()));
    });
    body.endHandler(v -> {
      watchdog.stop();
      connection.drainHandler(null);
      connection.write(stuffer.terminator());
      sent.tryComplete();
    });
    body.handler(chunk -> {
      connection.write(stuffer.stuff(chunk));
      watchdog.progress();
      if (connection.writeQueueFull()) {
        body.pause();
        connection.drainHandler(() -> {
          watchdog.progress();
          body.resume();
        });
      }
    });
    watchdog.progress();
    body.resume();
    return sent.future().compose(v -> connection.read("end of data", options.endOfDataTimeout()));
  }

  /** BDAT chunks; the last chunk is held back so that it can carry LAST. Each chunk's reply is awaited. */
  private Future<Void> sendBdat() {
    if (accepted.isEmpty()) {
      needsReset = true;
      return Future.succeededFuture();
    }
    Promise<Reply> done = Promise.promise();
    Buffer[] held = {null};
    @SuppressWarnings("unchecked")
    Future<Reply>[] chain = new Future[] {Future.succeededFuture(Reply.local(250, "start"))};
    connection.whenBroken().onSuccess(done::tryFail);
    body.exceptionHandler(e -> {
      connection.abort("4.3.0", "reading the stored message failed: " + e.getMessage());
      done.tryFail(new LocalFailure("reading the stored message failed: " + e.getMessage()));
    });
    body.handler(chunk -> {
      Buffer previous = held[0];
      held[0] = chunk;
      if (previous == null) {
        return;
      }
      body.pause();
      chain[0] = chain[0].compose(last -> last.positive() ? bdatChunk(previous, false) : Future.succeededFuture(last))
          .onSuccess(reply -> {
            if (reply.positive()) {
              body.resume();
            } else {
              done.tryComplete(reply);
            }
          })
          .onFailure(done::tryFail);
    });
    body.endHandler(v -> {
      Buffer last = held[0] == null ? Buffer.buffer() : held[0];
      chain[0].compose(reply -> reply.positive() ? bdatChunk(last, true) : Future.succeededFuture(reply))
          .onComplete(done);
    });
    body.resume();
    return done.future().map(reply -> {
      settleAccepted(reply);
      if (!reply.positive()) {
        needsReset = true;
      }
      return null;
    });
  }

  private Future<Reply> bdatChunk(Buffer chunk, boolean last) {
    Buffer out = SmtpConnection.commandLine("BDAT " + chunk.length() + (last ? " LAST" : "")).appendBuffer(chunk);
    connection.write(out);
    return connection.read(last ? "BDAT LAST" : "BDAT", last ? options.endOfDataTimeout() : options.dataBlockTimeout());
  }

  private Future<Void> brokeDown(Throwable e) {
    Reply reply;
    if (e instanceof SmtpIoException io) {
      reply = io.reply();
    } else if (e instanceof LocalFailure local) {
      connection.close();
      reply = Reply.local(451, "4.3.0 " + local.getMessage());
    } else {
      connection.close();
      reply = Reply.local(451, "4.3.0 local error: " + e);
    }
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        outcomes[i] = Outcome.DEFERRED;
        replies[i] = reply;
      }
    }
    return Future.succeededFuture();
  }

  private String mailCommand() {
    Capabilities caps = connection.capabilities();
    StringBuilder command = new StringBuilder("MAIL FROM:<").append(message.sender()).append('>');
    if (caps.size()) {
      command.append(" SIZE=").append(message.size());
    }
    if (message.eightBit() && caps.eightBitMime()) {
      command.append(" BODY=8BITMIME");
    }
    if (caps.smtpUtf8() && (message.smtpUtf8() || EnvelopeAddress.nonAscii(message.sender())
        || message.recipients().stream().anyMatch(EnvelopeAddress::nonAscii))) {
      command.append(" SMTPUTF8");
    }
    if (message.envelopeId() != null && caps.dsn()) {
      command.append(" ENVID=").append(XText.encode(message.envelopeId()));
    }
    return command.toString();
  }

  private String rcptCommand(int i) {
    return "RCPT TO:<" + message.recipients().get(i) + ">";
  }

  private List<Integer> openIndices() {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        open.add(i);
      }
    }
    return open;
  }

  private void settle(int i, Reply reply) {
    replies[i] = reply;
    outcomes[i] = reply.positive() ? Outcome.DELIVERED
        : reply.transientFailure() ? Outcome.DEFERRED : Outcome.FAILED;
  }

  private void settleOpen(Reply reply) {
    for (int i : openIndices()) {
      settle(i, reply);
    }
  }

  private void settleAccepted(Reply reply) {
    for (int i : accepted) {
      settle(i, reply);
    }
  }

  private TransactionResult result() {
    List<RecipientResult> results = new ArrayList<>(outcomes.length);
    for (int i = 0; i < outcomes.length; i++) {
      results.add(new RecipientResult(message.recipients().get(i), outcomes[i], replies[i].oneLine()));
    }
    return new TransactionResult(results, !connection.isBroken(), needsReset);
  }

  /** Breaks the connection when the socket accepts no body bytes for the data-block timeout. */
  private final class Watchdog {
    private long timer = -1;
    private boolean stopped;

    void progress() {
      if (stopped) {
        return;
      }
      if (timer != -1) {
        vertx.cancelTimer(timer);
      }
      timer = vertx.setTimer(options.dataBlockTimeout().toMillis(), id -> connection.abort("4.4.2",
          "timeout after " + options.dataBlockTimeout().toSeconds() + "s sending the message to " + connection.where()));
    }

    void stop() {
      stopped = true;
      if (timer != -1) {
        vertx.cancelTimer(timer);
      }
    }
  }

  /** A failure on our side (reading the spool), not the server's. */
  private static final class LocalFailure extends Exception {
    LocalFailure(String message) {
      super(message, null, false, false);
    }
  }
}
