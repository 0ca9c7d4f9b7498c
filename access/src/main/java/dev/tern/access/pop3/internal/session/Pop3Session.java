package dev.tern.access.pop3.internal.session;

import dev.tern.access.net.ContextHop;
import dev.tern.access.net.PlaintextLoginPolicy;
import dev.tern.access.mailbox.MessageContent;
import dev.tern.access.mailbox.MessageSummary;
import dev.tern.access.pop3.internal.codec.ApopDigest;
import dev.tern.access.pop3.internal.codec.LineFramer;
import dev.tern.access.pop3.internal.codec.Pop3CommandParser;
import dev.tern.access.pop3.internal.codec.Pop3ParseResult;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.codec.ResponseCode;
import dev.tern.access.pop3.internal.codec.SaslResponse;
import dev.tern.access.pop3.internal.codec.TopFilter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One POP3 connection, confined to the event loop it was accepted on. Received bytes go into a
 * {@link LineFramer}; lines are taken out one at a time and the next one only when the previous command
 * has finished (store calls and message streaming are asynchronous), so pipelined commands are answered
 * strictly in order. While a command runs, or while the client does not read its answers, later input
 * waits in the framer; past a bound the socket is paused. Commands go through the {@link Pop3Dispatcher};
 * the maildrop lock is held from login until the session ends, however it ends.
 */
public final class Pop3Session {

  private static final System.Logger LOG = System.getLogger(Pop3Session.class.getName());
  /** Input waiting behind a running command before the socket is paused. */
  private static final int MAX_WAITING_INPUT = 64 * 1024;

  private final NetSocket socket;
  private final Pop3Services services;
  private final Pop3Dispatcher dispatcher;
  private final Context context;
  private final String clientIp;
  private final boolean loopback;
  private final long openedAt = System.nanoTime();
  private LineFramer framer;
  private Pop3State state = Pop3State.AUTHORIZATION;
  private String apopTimestamp;
  private String pendingUser;
  private MaildropLocks.Lock lock;
  private Maildrop maildrop;
  private MessageReadAhead readAhead;
  private Function<Buffer, Future<Void>> lineConsumer;
  private MessageTransfer transfer;
  private int errors;
  private int authFailures;
  private boolean busy;
  private boolean inputPaused;
  private boolean closed;
  private boolean admitted;
  private boolean closeWhenIdle;
  private long lastActivity = System.nanoTime();
  private long timerId = -1;

  public Pop3Session(NetSocket socket, Pop3Services services, Pop3Dispatcher dispatcher) {
    this.socket = socket;
    this.services = services;
    this.dispatcher = dispatcher;
    this.context = Vertx.currentContext();
    this.clientIp = socket.remoteAddress().hostAddress();
    this.loopback = PlaintextLoginPolicy.isLoopback(clientIp);
  }

  /** Greets the client, or refuses it when a connection limit is reached. */
  public void start() {
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(err -> LOG.log(Level.DEBUG, "pop3 {0}: socket error: {1}", clientIp, err.toString()));
    if (!services.connections().tryAcquire(clientIp)) {
      LOG.log(Level.INFO, "pop3 {0}: refused, too many connections", clientIp);
      services.metrics().reject("connection_limit");
      closeWith(Pop3Response.err(ResponseCode.SYS_TEMP, "too many connections, try later"));
      return;
    }
    admitted = true;
    services.metrics().sessionOpened();
    LOG.log(Level.INFO, "pop3 {0}: connect{1}", clientIp, socket.isSsl() ? " (implicit TLS)" : "");
    socket.shutdownHandler(v -> onServerShutdown());
    installFramer();
    String greeting = services.options().hostname() + " POP3 server ready";
    if (services.options().apop()) {
      apopTimestamp = ApopDigest.newTimestamp(services.options().hostname(), System.currentTimeMillis());
      greeting += " " + apopTimestamp;
    }
    reply(Pop3Response.ok(greeting));
    scheduleTimeout(services.options().idleTimeout().toMillis());
  }

  private void installFramer() {
    framer = new LineFramer(Math.max(services.options().maxLineLength(), SaslResponse.DEFAULT_MAX_LINE));
    socket.handler(this::onData);
  }

  private void onData(Buffer data) {
    if (closed) {
      return;
    }
    lastActivity = System.nanoTime();
    framer.feed(data);
    processInput();
  }

  private void processInput() {
    while (!busy && !closed) {
      if (socket.writeQueueFull()) {
        // The client is not reading its answers: take no more commands (and so, soon, no more input) until
        // it does, or pipelined LIST/UIDL could pile up replies without bound.
        socket.drainHandler(v -> {
          socket.drainHandler(null);
          processInput();
        });
        break;
      }
      LineFramer.Line line = framer.next();
      if (line == null) {
        break;
      }
      onLine(line);
    }
    boolean full = framer.buffered() > MAX_WAITING_INPUT;
    if (full && !inputPaused) {
      inputPaused = true;
      socket.pause();
    } else if (!full && inputPaused && !closed) {
      inputPaused = false;
      socket.resume();
    }
  }

  private void onLine(LineFramer.Line line) {
    // A line that cannot be taken also ends a SASL exchange in progress.
    Function<Buffer, Future<Void>> consumer = lineConsumer;
    lineConsumer = null;
    if (line.tooLong()) {
      error("line too long");
      return;
    }
    if (consumer != null) {
      track(consumer.apply(line.text()));
      return;
    }
    Pop3ParseResult parsed = Pop3CommandParser.parse(line.text(), services.options().maxLineLength());
    if (parsed instanceof Pop3ParseResult.Rejected rejected) {
      error(rejected.reason());
    } else {
      track(dispatcher.dispatch(this, ((Pop3ParseResult.Parsed) parsed).command()));
    }
  }

  /** Reads no further command until {@code work} is done, so the next pipelined command sees its outcome. */
  private void track(Future<Void> work) {
    if (work.isComplete()) {
      if (work.failed()) {
        internalError(work.cause());
      }
      return;
    }
    busy = true;
    onContext(work).onComplete(ar -> {
      busy = false;
      lastActivity = System.nanoTime();
      if (ar.failed()) {
        internalError(ar.cause());
      }
      if (closeWhenIdle) {
        closeForShutdown();
      } else {
        processInput();
      }
    });
  }

  private void internalError(Throwable err) {
    LOG.log(Level.WARNING, "pop3 {0}: command failed: {1}", clientIp, err.toString());
    reply(Pop3Response.err(ResponseCode.SYS_TEMP, "temporary failure, try again later"));
  }

  /** Writes a reply that is not the client's fault. */
  public void reply(Pop3Response response) {
    if (!closed) {
      socket.write(response.toBuffer());
    }
  }

  /** Answers a protocol error with -ERR; reaching the configured number of them ends the session. */
  public void error(String reason) {
    error(null, reason);
  }

  /** As {@link #error(String)} with a response code, or none when {@code code} is null. */
  public void error(ResponseCode code, String reason) {
    if (closed) {
      return;
    }
    if (++errors >= services.options().maxErrorsBeforeDisconnect()) {
      LOG.log(Level.INFO, "pop3 {0}: too many errors", clientIp);
      services.metrics().reject("too_many_errors");
      closeWith(new Pop3Response(false, code, reason + "; too many errors, closing connection", null));
      return;
    }
    reply(new Pop3Response(false, code, reason, null));
  }

  /** Sends a SASL challenge line; the client's next line goes to {@code consumer}. */
  public void challenge(byte[] challenge, Function<Buffer, Future<Void>> consumer) {
    if (!closed) {
      socket.write(Pop3Response.saslChallenge(challenge));
      lineConsumer = consumer;
    }
  }

  /** Answers a failed login; reaching the per-session limit ends the session. */
  public void authenticationFailed(Pop3Response refusal) {
    if (closed) {
      return;
    }
    if (++authFailures >= services.options().maxAuthFailuresPerSession()) {
      LOG.log(Level.INFO, "pop3 {0}: too many authentication failures", clientIp);
      services.metrics().reject("auth_failures");
      closeWith(Pop3Response.err(ResponseCode.AUTH, "too many authentication failures, closing connection"));
      return;
    }
    reply(refusal);
  }

  /** Sends a last reply and closes; the maildrop is given back (deletion marks not applied are forgotten). */
  public void closeWith(Pop3Response last) {
    if (closed) {
      return;
    }
    closed = true;
    releaseMaildrop();
    socket.write(last.toBuffer()).onComplete(ar -> socket.close());
  }

  /**
   * STLS (RFC 2595 section 4): whatever the client pipelined behind the command was sent in plaintext and
   * is thrown away with the old framer; the session starts over in AUTHORIZATION once the handshake is done.
   */
  public Future<Void> startTls() {
    if (inputPaused) {
      // So much was pipelined behind STLS that Vert.x holds plaintext we could not discard.
      closeWith(Pop3Response.err("too much input after STLS"));
      return Future.succeededFuture();
    }
    installFramer();
    pendingUser = null;
    Buffer ready = Pop3Response.ok("begin TLS negotiation").toBuffer();
    return services.startTls().upgrade(socket, ready).transform(ar -> {
      if (ar.succeeded()) {
        LOG.log(Level.INFO, "pop3 {0}: TLS established ({1})", clientIp, socket.sslSession().getProtocol());
      } else if (!closed) {
        LOG.log(Level.INFO, "pop3 {0}: TLS handshake failed: {1}", clientIp, ar.cause().toString());
        closed = true;
        socket.close();
      }
      return Future.succeededFuture();
    });
  }

  /** Streams a message answer; if the message breaks off after the status line, the connection is dropped. */
  public Future<Void> sendMessage(Pop3Response status, MessageContent content, TopFilter top) {
    if (closed) {
      content.close();
      return Future.succeededFuture();
    }
    MessageTransfer started = new MessageTransfer(socket, content, top, services.metrics(),
        () -> lastActivity = System.nanoTime());
    transfer = started;
    return started.start(status.toBuffer()).transform(ar -> {
      transfer = null;
      if (ar.failed() && !closed) {
        LOG.log(Level.WARNING, "pop3 {0}: message {1} broke off while sending: {2}", clientIp,
            String.valueOf(content.uid()), ar.cause().toString());
        closed = true;
        socket.close();
      }
      return Future.succeededFuture();
    });
  }

  /** Takes the maildrop after a successful login: the session is now in TRANSACTION. */
  public void enterTransaction(MaildropLocks.Lock held, Maildrop drop) {
    lock = held;
    maildrop = drop;
    readAhead = new MessageReadAhead(services.mailboxes(), Pop3Services.INBOX, drop);
    pendingUser = null;
    state = Pop3State.TRANSACTION;
  }

  /** QUIT in TRANSACTION: no more commands; the caller applies the deletions. */
  public void enterUpdate() {
    state = Pop3State.UPDATE;
  }

  /** Gives the maildrop back (idempotent); deletions not yet applied are forgotten. */
  public void releaseMaildrop() {
    if (readAhead != null) {
      readAhead.close();
    }
    if (lock != null) {
      lock.release();
    }
  }

  /** Opens a message of the maildrop for RETR/TOP; the next few small ones are read ahead meanwhile. */
  public Future<MessageContent> openMessage(int number, MessageSummary summary) {
    return onContext(readAhead.open(number, summary));
  }

  private void onServerShutdown() {
    if (closed) {
      return;
    }
    if (busy) {
      closeWhenIdle = true;
      return;
    }
    closeForShutdown();
  }

  private void closeForShutdown() {
    if (closed) {
      return;
    }
    LOG.log(Level.INFO, "pop3 {0}: closed by server shutdown in state {1}", clientIp, state);
    closeWith(Pop3Response.err(ResponseCode.SYS_TEMP, services.options().hostname() + " server shutting down"));
  }

  private void scheduleTimeout(long delayMillis) {
    timerId = services.vertx().setTimer(Math.max(1, delayMillis), id -> checkTimeout());
  }

  private void checkTimeout() {
    if (closed) {
      return;
    }
    long limit = services.options().idleTimeout().toNanos();
    long idle = System.nanoTime() - lastActivity;
    if (busy && transfer == null) {
      // We are the ones waiting (account or mailbox store): not the client's idle time.
      scheduleTimeout(TimeUnit.NANOSECONDS.toMillis(limit));
    } else if (idle >= limit) {
      LOG.log(Level.INFO, "pop3 {0}: idle timeout in state {1}", clientIp, state);
      services.metrics().reject("timeout");
      if (transfer != null) {
        // The client stopped reading in the middle of a message: no reply can follow it.
        closed = true;
        releaseMaildrop();
        socket.close();
      } else {
        closeWith(Pop3Response.err("idle timeout, closing connection"));
      }
    } else {
      scheduleTimeout(TimeUnit.NANOSECONDS.toMillis(limit - idle));
    }
  }

  private void onClosed() {
    closed = true;
    if (timerId >= 0) {
      services.vertx().cancelTimer(timerId);
    }
    if (transfer != null) {
      transfer.abort();
    }
    if (state != Pop3State.UPDATE) {
      // In UPDATE the QUIT handler gives the maildrop back once the deletions are on disk.
      releaseMaildrop();
    }
    if (admitted) {
      admitted = false;
      services.connections().release(clientIp);
      services.metrics().sessionClosed();
      LOG.log(Level.INFO, "pop3 {0}: disconnect after {1} ms", clientIp,
          String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt)));
    }
  }

  /** Brings a future's completion back onto this session's event loop. */
  public <T> Future<T> onContext(Future<T> future) {
    return ContextHop.onContext(context, future);
  }

  // --- state for the handlers ---

  public Pop3State state() {
    return state;
  }

  public Pop3Services services() {
    return services;
  }

  public String clientIp() {
    return clientIp;
  }

  public boolean tls() {
    return socket.isSsl();
  }

  /** USER/PASS and AUTH PLAIN are allowed on this connection now. */
  public boolean plaintextLoginAllowed() {
    return services.plaintextLogins().allows(tls(), loopback);
  }

  /** The APOP timestamp of the greeting, or null when APOP is off. */
  public String apopTimestamp() {
    return apopTimestamp;
  }

  public String pendingUser() {
    return pendingUser;
  }

  public void pendingUser(String user) {
    pendingUser = user;
  }

  /** The logged-in maildrop; null before login. */
  public Maildrop maildrop() {
    return maildrop;
  }

  public boolean closed() {
    return closed;
  }
}
