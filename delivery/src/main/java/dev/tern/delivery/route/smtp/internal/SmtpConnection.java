package dev.tern.delivery.route.smtp.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One client connection to an SMTP server, used on the context that opened it. Replies are queued in arrival
 * order, so several commands can be written at once (PIPELINING) and their replies read one by one. Any
 * timeout, protocol error or close breaks the connection for good: the waiting read fails with
 * {@link SmtpIoException} and the socket is closed.
 */
public final class SmtpConnection {

  /** RFC 5321 4.5.3.1.6/4.5.3.1.4: protocol lines stay far below the 998-octet line limit. */
  static final int MAX_COMMAND_OCTETS = 998;

  private final Vertx vertx;
  private final NetSocket socket;
  private final String hostName;
  private final String address;
  private final ReplyDecoder decoder;
  private final Deque<Reply> arrived = new ArrayDeque<>();
  private Promise<Reply> waiting;
  private long waitingTimer = -1;
  private String waitingFor;
  private SmtpIoException broken;
  private Capabilities capabilities = Capabilities.NONE;
  private int uses;
  private final Promise<SmtpIoException> brokenPromise = Promise.promise();

  public SmtpConnection(Vertx vertx, NetSocket socket, String hostName, String address) {
    this.vertx = vertx;
    this.socket = socket;
    this.hostName = hostName;
    this.address = address;
    this.decoder = new ReplyDecoder(this::arrived, why -> breakWith(new SmtpIoException("4.5.0",
        "protocol error from " + where() + ": " + why)));
    socket.handler(decoder::feed);
    socket.closeHandler(v -> breakWith(new SmtpIoException("4.4.2", "connection to " + where() + " closed"
        + (waitingFor == null ? "" : " while waiting for the " + waitingFor + " reply"))));
    socket.exceptionHandler(e -> breakWith(new SmtpIoException("4.4.2", "connection to " + where() + " failed: "
        + e.getMessage())));
  }

  /** Reads the next reply, waiting at most {@code timeout}; {@code phase} names it in diagnostics. */
  public Future<Reply> read(String phase, Duration timeout) {
    if (!arrived.isEmpty()) {
      return Future.succeededFuture(arrived.poll());
    }
    if (broken != null) {
      return Future.failedFuture(broken);
    }
    if (waiting != null) {
      return Future.failedFuture(new IllegalStateException("a read is already pending"));
    }
    Promise<Reply> promise = Promise.promise();
    waiting = promise;
    waitingFor = phase;
    waitingTimer = vertx.setTimer(timeout.toMillis(), id -> {
      waitingTimer = -1;
      breakWith(new SmtpIoException("4.4.2", "timeout after " + timeout.toSeconds() + "s waiting for the "
          + phase + " reply from " + where()));
    });
    return promise.future();
  }

  /** Writes one command line (CRLF added); refuses a line that could break the protocol. */
  public void send(String command) {
    socket.write(commandLine(command));
  }

  public Future<Reply> command(String command, String phase, Duration timeout) {
    if (broken != null) {
      return Future.failedFuture(broken);
    }
    send(command);
    return read(phase, timeout);
  }

  /** Formats a command line, checking it holds no line break and stays within the line limit. */
  public static Buffer commandLine(String command) {
    byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
    if (bytes.length + 2 > MAX_COMMAND_OCTETS) {
      throw new IllegalArgumentException("command line longer than " + MAX_COMMAND_OCTETS + " octets");
    }
    for (byte b : bytes) {
      if (b == '\r' || b == '\n' || b == 0) {
        throw new IllegalArgumentException("line break or NUL inside a command");
      }
    }
    return Buffer.buffer(bytes.length + 2).appendBytes(bytes).appendString("\r\n");
  }

  public void write(Buffer data) {
    socket.write(data);
  }

  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  public void drainHandler(Runnable handler) {
    socket.drainHandler(handler == null ? null : v -> handler.run());
  }

  /**
   * STARTTLS after the server's 220: whatever arrived after that 220 in plaintext is thrown away (a man in the
   * middle could have injected replies there), then the TLS handshake runs.
   */
  public Future<Void> upgradeToTls(ClientSSLOptions ssl, String serverName) {
    arrived.clear();
    decoder.discardBuffered();
    return socket.upgradeToSsl(ssl, serverName);
  }

  /** QUIT, waiting briefly for the reply, then close. Never fails. */
  public Future<Void> quit(Duration timeout) {
    if (broken != null) {
      return Future.succeededFuture();
    }
    return command("QUIT", "QUIT", timeout).<Void>mapEmpty().otherwiseEmpty().eventually(this::close);
  }

  public Future<Void> close() {
    if (broken == null) {
      breakWith(new SmtpIoException("4.4.2", "connection to " + where() + " closed locally"));
    }
    return socket.close().otherwiseEmpty();
  }

  /** Idle and healthy: open, nothing unread (a server that said 421 while we were idle), no half reply. */
  public boolean reusable() {
    return broken == null && arrived.isEmpty() && waiting == null && !decoder.midReply();
  }

  public boolean isBroken() {
    return broken != null;
  }

  /** Completes, with the reason, once the connection breaks (closed, timed out, protocol error, local close). */
  public Future<SmtpIoException> whenBroken() {
    return brokenPromise.future();
  }

  /** Breaks the connection for a reason found outside it (e.g. no write progress while sending the body). */
  public void abort(String enhancedCode, String reason) {
    breakWith(new SmtpIoException(enhancedCode, reason));
  }

  public Capabilities capabilities() {
    return capabilities;
  }

  public void capabilities(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  public boolean tls() {
    return socket.isSsl();
  }

  /** "TLSv1.3" or null when plaintext. */
  public String tlsVersion() {
    return socket.isSsl() && socket.sslSession() != null ? socket.sslSession().getProtocol() : null;
  }

  public String hostName() {
    return hostName;
  }

  public String address() {
    return address;
  }

  /** Transactions started on this connection. */
  public int uses() {
    return uses;
  }

  public void countUse() {
    uses++;
  }

  public String where() {
    return hostName + " [" + address + "]";
  }

  private void arrived(Reply reply) {
    if (waiting != null) {
      Promise<Reply> promise = takeWaiting();
      promise.complete(reply);
    } else {
      arrived.add(reply);
    }
  }

  private void breakWith(SmtpIoException cause) {
    if (broken != null) {
      return;
    }
    broken = cause;
    if (waiting != null) {
      takeWaiting().fail(cause);
    }
    socket.close();
    brokenPromise.complete(cause);
  }

  private Promise<Reply> takeWaiting() {
    Promise<Reply> promise = waiting;
    waiting = null;
    waitingFor = null;
    if (waitingTimer != -1) {
      vertx.cancelTimer(waitingTimer);
      waitingTimer = -1;
    }
    return promise;
  }
}
