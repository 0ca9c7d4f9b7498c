package dev.tern.load.smtp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * One SMTP client connection: writes commands and hands replies, in order, to whoever expects them. Each expected
 * reply has its own timeout; a timeout, a protocol error, an unexpected reply or the connection closing fails every
 * expectation and leaves the connection broken. A 421 marks it as closing. Used on one event loop only.
 */
final class SmtpConnection {

  private final Vertx vertx;
  private final NetSocket socket;
  private final long timeoutMillis;
  private final ReplyParser parser = new ReplyParser(this::reply);
  private final ArrayDeque<Expectation> expected = new ArrayDeque<>();
  private boolean broken;
  private boolean closing;

  private record Expectation(Promise<SmtpReply> promise, long timer) {}

  SmtpConnection(Vertx vertx, NetSocket socket, long timeoutMillis) {
    this.vertx = vertx;
    this.socket = socket;
    this.timeoutMillis = timeoutMillis;
    socket.handler(this::received);
    socket.exceptionHandler(e -> breakOff(e.getMessage() == null ? e.toString() : e.getMessage()));
    socket.closeHandler(v -> breakOff("connection closed by the server"));
  }

  /** Expects the next reply (the greeting, or the reply to something already written). */
  Future<SmtpReply> expect() {
    if (broken) {
      return Future.failedFuture(new SmtpProtocolException("connection is broken"));
    }
    Promise<SmtpReply> promise = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> {
      breakOff("no reply within " + timeoutMillis + " ms");
      socket.close();
    });
    expected.add(new Expectation(promise, timer));
    return promise.future();
  }

  /** Writes a command line (CRLF added) and expects its reply. */
  Future<SmtpReply> command(String line) {
    write(Buffer.buffer(line + "\r\n"));
    return expect();
  }

  void write(Buffer data) {
    if (!broken) {
      socket.write(data);
    }
  }

  /** Starts TLS on this connection; refuses when the server sent anything after its reply to STARTTLS. */
  Future<Void> upgradeToTls() {
    if (parser.pending() || !expected.isEmpty()) {
      breakOff("data after the reply to STARTTLS");
      return Future.failedFuture(new SmtpProtocolException("server sent data after its reply to STARTTLS"));
    }
    return socket.upgradeToSsl();
  }

  /** Broken: no more commands may be sent. */
  boolean broken() {
    return broken;
  }

  /** The server said 421: it is closing this connection. */
  boolean closing() {
    return closing;
  }

  /** Whether replies are still awaited (a transaction is in flight). */
  boolean busy() {
    return !expected.isEmpty();
  }

  /** Closes the socket; fails whatever was still expected. */
  Future<Void> close() {
    breakOff("connection closed by the client");
    return socket.close().otherwiseEmpty();
  }

  private void received(Buffer data) {
    try {
      parser.feed(data);
    } catch (SmtpProtocolException e) {
      breakOff(e.getMessage());
      socket.close();
    }
  }

  private void reply(SmtpReply reply) {
    if (reply.closing()) {
      closing = true;
    }
    Expectation next = expected.poll();
    if (next == null) {
      if (!reply.closing()) {
        // A reply nobody asked for: the conversation is out of step.
        throw new SmtpProtocolException("unexpected reply: " + reply);
      }
      return;
    }
    vertx.cancelTimer(next.timer());
    next.promise().complete(reply);
  }

  private void breakOff(String reason) {
    if (broken && expected.isEmpty()) {
      return;
    }
    broken = true;
    Expectation pending;
    while ((pending = expected.poll()) != null) {
      vertx.cancelTimer(pending.timer());
      pending.promise().tryFail(new SmtpProtocolException(reason));
    }
  }
}
