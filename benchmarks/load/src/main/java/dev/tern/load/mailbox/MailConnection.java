package dev.tern.load.mailbox;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to a mailbox server, used on the event loop that opened it. The protocol feeds what arrives
 * into its own parser ({@link #reader}) and says when it waits for the server ({@link #awaitReply}) and when it has
 * what it waited for ({@link #replyComplete}). While a reply is due the server may stay silent at most the target's
 * reply timeout: a long reply that keeps arriving is not cut off, a stalled one is.
 *
 * <p>A timeout, a close by either side, a socket error or a protocol error ({@link #fail}) breaks the connection
 * for good: the socket is closed and the handler given to {@link #onBroken} hears why, once.
 */
public final class MailConnection {

  private final Vertx vertx;
  private final NetSocket socket;
  private final MailTarget target;
  private final long timeoutNanos;
  private Handler<Buffer> reader = chunk -> {};
  private Handler<IOException> brokenHandler = why -> {};
  private IOException broken;
  private boolean awaiting;
  private long lastArrivalNanos;
  private long deadlineTimer = -1;

  private MailConnection(Vertx vertx, NetSocket socket, MailTarget target) {
    this.vertx = vertx;
    this.socket = socket;
    this.target = target;
    this.timeoutNanos = target.replyTimeout().toNanos();
    socket.handler(this::arrived);
    socket.closeHandler(v -> breakWith(new IOException("connection closed by " + target
        + (awaiting ? " while a reply was due" : ""))));
    socket.exceptionHandler(e -> breakWith(new IOException("connection to " + target + " failed: " + e, e)));
  }

  /** Connects (and for {@link TlsMode#IMPLICIT} completes the TLS handshake) on the caller's event loop. */
  public static Future<MailConnection> connect(Vertx vertx, NetClient client, MailTarget target) {
    ConnectOptions options = new ConnectOptions().setHost(target.host()).setPort(target.port())
        .setTimeout((int) Math.min(Integer.MAX_VALUE, target.replyTimeout().toMillis()));
    if (target.tls() == TlsMode.IMPLICIT) {
      options.setSsl(true).setSslOptions(trustingAnyCertificate(target)).setSniServerName(serverName(target.host()));
    }
    return client.connect(options).map(socket -> new MailConnection(vertx, socket, target));
  }

  /**
   * A load tool measures servers, not certificates: any certificate is accepted, so that test servers with
   * self-signed ones can be measured over TLS.
   */
  private static ClientSSLOptions trustingAnyCertificate(MailTarget target) {
    return new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("")
        .setSslHandshakeTimeout(target.replyTimeout().toMillis()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /** SNI carries host names only, never an address literal. */
  private static String serverName(String host) {
    boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    return literal ? null : host;
  }

  public MailTarget target() {
    return target;
  }

  /** Where received bytes go from now on; replacing the reader drops whatever the old one had buffered. */
  public void reader(Handler<Buffer> reader) {
    this.reader = reader;
  }

  public void onBroken(Handler<IOException> handler) {
    this.brokenHandler = handler;
  }

  /** Why the connection broke, or null while it is usable. */
  public IOException broken() {
    return broken;
  }

  /** Writes one protocol line, CRLF added; a line holding CR, LF or NUL is a programming error. */
  public void writeLine(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\r' || c == '\n' || c == '\0') {
        throw new IllegalArgumentException("line break or NUL inside a protocol line");
      }
    }
    if (broken == null) {
      socket.write(Buffer.buffer(line + "\r\n", StandardCharsets.UTF_8.name()));
    }
  }

  /** A reply is due from now on: the server must not stay silent longer than the reply timeout. */
  public void awaitReply() {
    awaiting = true;
    lastArrivalNanos = System.nanoTime();
    if (deadlineTimer == -1 && broken == null) {
      armDeadline(timeoutNanos);
    }
  }

  /** Nothing is due any more (the server may stay silent, as during IDLE). */
  public void replyComplete() {
    awaiting = false;
  }

  /** Upgrades to TLS after the server agreed to STARTTLS/STLS; the caller has replaced the reader first. */
  public Future<Void> startTls() {
    awaitReply();
    return socket.upgradeToSsl(trustingAnyCertificate(target), serverName(target.host()))
        .andThen(done -> replyComplete());
  }

  /** The server broke the protocol: the connection is closed and reported broken with {@code why}. */
  public void fail(String why) {
    breakWith(new IOException("protocol error from " + target + ": " + why));
  }

  /**
   * Closes the socket without a word to the server; never fails. A reply still awaited (the caller gave up on it)
   * fails through {@link #onBroken} rather than staying pending forever.
   */
  public Future<Void> close() {
    breakWith(new IOException("connection to " + target + " closed by the client"));
    return socket.close().otherwiseEmpty();
  }

  private void arrived(Buffer chunk) {
    lastArrivalNanos = System.nanoTime();
    if (broken == null) {
      reader.handle(chunk);
    }
  }

  private void armDeadline(long delayNanos) {
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos));
    deadlineTimer = vertx.setTimer(millis, id -> {
      deadlineTimer = -1;
      if (!awaiting || broken != null) {
        return;
      }
      long silent = System.nanoTime() - lastArrivalNanos;
      if (silent >= timeoutNanos) {
        breakWith(new IOException("no reply from " + target + " within " + target.replyTimeout().toMillis()
            + " ms"));
      } else {
        armDeadline(timeoutNanos - silent);
      }
    });
  }

  private void cancelDeadline() {
    if (deadlineTimer != -1) {
      vertx.cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
  }

  private void breakWith(IOException why) {
    if (broken != null) {
      return;
    }
    broken = why;
    cancelDeadline();
    socket.close();
    brokenHandler.handle(why);
  }
}
