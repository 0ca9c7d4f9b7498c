package dev.tern.relay.internal.session;

import dev.tern.access.net.ContextHop;
import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.internal.codec.CommandLine;
import dev.tern.relay.internal.codec.Reply;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One SMTP connection, confined to the event loop it was accepted on. Input is framed by a
 * {@link RecordParser} that this class feeds itself (so a partial line at end of stream is never taken
 * for a command) and pauses while asynchronous work is in flight, which keeps replies in command order
 * under pipelining. Commands go through the {@link CommandDispatcher}; bodies go to a {@link BodyReceiver}.
 */
public final class SmtpSession {

  private static final System.Logger LOG = System.getLogger(SmtpSession.class.getName());
  /** Longer than any line or BDAT piece we accept; past it the framer's buffer is unbounded, so close. */
  private static final int FRAMER_LIMIT = 256 * 1024;

  private final NetSocket socket;
  private final RelayServices services;
  private final Role role;
  private final CommandDispatcher dispatcher;
  private final Context context;
  private final String clientIp;
  private final long openedAt = System.nanoTime();
  private RecordParser parser;
  private SessionState state = SessionState.CONNECTED;
  private Transaction transaction;
  private BodyReceiver bodyReceiver;
  private Function<String, Future<Void>> lineConsumer;
  private String helo;
  private boolean esmtp;
  private String authenticatedUser;
  private int errors;
  private int pauses;
  private boolean busy;
  private boolean closed;
  private boolean admitted;
  private boolean closeAfterTransaction;
  private long lastActivity = System.nanoTime();
  private long timerId = -1;

  public SmtpSession(NetSocket socket, RelayServices services, Role role, CommandDispatcher dispatcher) {
    this.socket = socket;
    this.services = services;
    this.role = role;
    this.dispatcher = dispatcher;
    this.context = Vertx.currentContext();
    this.clientIp = socket.remoteAddress().hostAddress();
  }

  /** Greets the client, or refuses it when a connection limit is reached. */
  public void start() {
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(err -> LOG.log(Level.DEBUG, "smtp {0}: socket error: {1}", clientIp, err.toString()));
    if (!services.connections().tryAcquire(clientIp)) {
      LOG.log(Level.INFO, "smtp {0}: refused, too many connections", clientIp);
      services.metrics().reject("connection_limit");
      closed = true;
      socket.write(Reply.of(421, "4.7.0", services.options().hostname() + " Too many connections, try later").format())
          .onComplete(ar -> socket.close());
      return;
    }
    admitted = true;
    services.metrics().sessionOpened();
    LOG.log(Level.INFO, "smtp {0}: connect{1}", clientIp, socket.isSsl() ? " (implicit TLS)" : "");
    socket.shutdownHandler(v -> onServerShutdown());
    installParser();
    write(Reply.plain(220, services.options().hostname() + " ESMTP Tern"));
    scheduleTimeout(Math.min(services.options().commandTimeout().toMillis(), services.options().dataTimeout().toMillis()));
  }

  private void installParser() {
    parser = RecordParser.newDelimited("\r\n");
    parser.maxRecordSize(FRAMER_LIMIT);
    parser.handler(this::onRecord);
    parser.exceptionHandler(err -> closeWith(Reply.of(500, "5.5.2", "Line too long")));
    socket.handler(parser::handle);
  }

  private void onRecord(Buffer record) {
    if (closed) {
      return;
    }
    lastActivity = System.nanoTime();
    if (bodyReceiver != null) {
      bodyReceiver.onRecord(record);
      return;
    }
    // A bad line also ends a SASL exchange in progress.
    Function<String, Future<Void>> consumer = lineConsumer;
    lineConsumer = null;
    if (record.length() + 2 > services.options().maxCommandLineLength()) {
      reply(Reply.of(500, "5.5.2", "Line too long"));
      return;
    }
    String line = decode(record);
    if (line == null || CommandLine.hasControlCharacters(line)) {
      reply(Reply.of(500, "5.5.2", "Invalid characters in command"));
      return;
    }
    if (consumer != null) {
      track(consumer.apply(line));
      return;
    }
    track(dispatcher.dispatch(this, CommandLine.parse(line)));
  }

  /** Holds input while {@code work} runs, so the next pipelined command sees its outcome. */
  private void track(Future<Void> work) {
    if (work.isComplete()) {
      if (work.failed()) {
        internalError(work.cause());
      }
      return;
    }
    busy = true;
    pauseInput();
    work.onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        internalError(ar.cause());
      }
      resumeInput();
    });
  }

  private void internalError(Throwable err) {
    LOG.log(Level.WARNING, "smtp {0}: command failed: {1}", clientIp, err.toString());
    writeUncounted(Reply.of(451, "4.3.0", "Temporary failure, try again later"));
  }

  private static String decode(Buffer record) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(record.getBytes())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Stops reading; calls nest, and input resumes when every pause has been matched by a resume. */
  public void pauseInput() {
    pauses++;
    parser.pause();
    socket.pause();
  }

  public void resumeInput() {
    if (pauses > 0 && --pauses > 0) {
      return;
    }
    if (closed) {
      return;
    }
    lastActivity = System.nanoTime();
    parser.resume();
    if (pauses == 0 && !closed) {
      socket.resume();
    }
  }

  /** Reads the next {@code size} bytes as one record (BDAT pieces). */
  public void readFixed(int size) {
    parser.fixedSizeMode(size);
  }

  /** Back to CRLF-delimited lines. */
  public void readLines() {
    parser.delimitedMode("\r\n");
  }

  /** Routes records to a body receiver until {@link #endBody()}. */
  public void startBody(BodyReceiver receiver, SessionState bodyState) {
    bodyReceiver = receiver;
    state = bodyState;
  }

  public void endBody() {
    bodyReceiver = null;
  }

  /** The next line goes to {@code consumer} instead of the dispatcher (SASL exchanges). */
  public void expectLine(Function<String, Future<Void>> consumer) {
    lineConsumer = consumer;
  }

  /**
   * STARTTLS: whatever was pipelined behind the command is thrown away with the old framer (RFC 3207
   * section 4.2), the 220 goes out in plaintext and the session starts over. The fresh framer is
   * installed at once: from now on the TLS layer only lets decrypted bytes through, and the client's
   * first command may arrive in the same packet as its handshake Finished.
   */
  public void startTls() {
    parser.pause();
    resetAfterTls();
    installParser();
    Buffer ready = Buffer.buffer(Reply.of(220, "2.0.0", "Ready to start TLS").format());
    services.startTls().upgrade(socket, ready).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        LOG.log(Level.INFO, "smtp {0}: TLS handshake failed: {1}", clientIp, ar.cause().toString());
        closed = true;
        socket.close();
        return;
      }
      LOG.log(Level.INFO, "smtp {0}: TLS established ({1})", clientIp, socket.sslSession().getProtocol());
    });
  }

  private void resetAfterTls() {
    resetTransaction();
    helo = null;
    esmtp = false;
    authenticatedUser = null;
    state = SessionState.CONNECTED;
  }

  /** Writes a reply; a permanent failure counts toward maxErrors, and reaching it ends the session. */
  public void reply(Reply reply) {
    if (closed) {
      return;
    }
    write(reply);
    if (reply.isPermanentFailure() && ++errors >= services.options().maxErrors()) {
      LOG.log(Level.INFO, "smtp {0}: too many errors", clientIp);
      services.metrics().reject("too_many_errors");
      closeWith(Reply.of(421, "4.7.0", "Too many errors, closing connection"));
    }
  }

  /** Writes a reply that is not the client's fault (end-of-data outcomes, temporary failures). */
  public void writeUncounted(Reply reply) {
    if (!closed) {
      write(reply);
    }
  }

  private void write(Reply reply) {
    socket.write(reply.format());
  }

  /** Drops any unfinished transaction, sends a last reply and closes. */
  public void closeWith(Reply reply) {
    if (closed) {
      return;
    }
    closed = true;
    if (transaction != null) {
      transaction.abort();
    }
    socket.write(reply.format()).onComplete(ar -> socket.close());
  }

  /** Called when a transaction ends; honours a shutdown that waited for it. */
  public void transactionFinished() {
    if (closeAfterTransaction) {
      closeWith(Reply.of(421, "4.3.2", services.options().hostname() + " Service shutting down"));
    }
  }

  private void onServerShutdown() {
    if (closed) {
      return;
    }
    if (state.inBody() || busy) {
      closeAfterTransaction = true;
      return;
    }
    closeWith(Reply.of(421, "4.3.2", services.options().hostname() + " Service shutting down"));
  }

  private void scheduleTimeout(long delayMillis) {
    timerId = services.vertx().setTimer(Math.max(1, delayMillis), id -> checkTimeout());
  }

  private void checkTimeout() {
    if (closed) {
      return;
    }
    long limit = (bodyReceiver != null ? services.options().dataTimeout() : services.options().commandTimeout()).toNanos();
    // The mode can change between checks, so never sleep longer than the shorter of the two timeouts.
    long shortest = Math.min(services.options().dataTimeout().toNanos(), services.options().commandTimeout().toNanos());
    long idle = System.nanoTime() - lastActivity;
    if (busy || pauses > 0) {
      // We are the ones waiting (spool, account store): not the client's idle time.
      scheduleTimeout(TimeUnit.NANOSECONDS.toMillis(shortest));
    } else if (idle >= limit) {
      LOG.log(Level.INFO, "smtp {0}: timeout in state {1}", clientIp, state);
      services.metrics().reject("timeout");
      closeWith(Reply.of(421, "4.4.2", services.options().hostname() + " Timeout, closing connection"));
    } else {
      scheduleTimeout(TimeUnit.NANOSECONDS.toMillis(Math.min(limit - idle, shortest)));
    }
  }

  private void onClosed() {
    closed = true;
    if (timerId >= 0) {
      services.vertx().cancelTimer(timerId);
    }
    if (transaction != null) {
      transaction.abort();
    }
    if (admitted) {
      services.connections().release(clientIp);
      services.metrics().sessionClosed();
      LOG.log(Level.INFO, "smtp {0}: disconnect after {1} ms", clientIp,
          String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt)));
    }
  }

  /** Brings a future's completion back onto this session's event loop. */
  public <T> Future<T> onContext(Future<T> future) {
    return ContextHop.onContext(context, future);
  }

  // --- state for the handlers ---

  public SessionState state() {
    return state;
  }

  public void state(SessionState next) {
    state = next;
  }

  public Transaction transaction() {
    return transaction;
  }

  public void beginTransaction(Transaction tx) {
    transaction = tx;
    state = SessionState.MAIL;
  }

  /** Forgets the current transaction (aborting a staged body) and returns to the greeted state. */
  public void resetTransaction() {
    if (transaction != null) {
      transaction.abort();
      transaction = null;
    }
    bodyReceiver = null;
    if (state != SessionState.CONNECTED) {
      state = SessionState.GREETED;
    }
  }

  public void greeted(String name, boolean extended) {
    resetTransaction();
    helo = name;
    esmtp = extended;
    state = SessionState.GREETED;
  }

  public String helo() {
    return helo;
  }

  public boolean esmtp() {
    return esmtp;
  }

  public boolean tls() {
    return socket.isSsl();
  }

  public String authenticatedUser() {
    return authenticatedUser;
  }

  public void authenticated(String user) {
    authenticatedUser = user;
  }

  public String clientIp() {
    return clientIp;
  }

  public Role role() {
    return role;
  }

  public RelayServices services() {
    return services;
  }

  public boolean closed() {
    return closed;
  }

  public void quit() {
    closeWith(Reply.of(221, "2.0.0", services.options().hostname() + " Bye"));
  }
}
