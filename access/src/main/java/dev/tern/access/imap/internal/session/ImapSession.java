package dev.tern.access.imap.internal.session;

import dev.tern.access.net.ContextHop;
import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommandLine;
import dev.tern.access.imap.internal.codec.ImapLineFramer;
import dev.tern.access.imap.internal.codec.ImapParseResult;
import dev.tern.access.imap.internal.codec.ImapParser;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder.Status;
import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.net.PlaintextLoginPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.WriteStream;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One IMAP connection, confined to the event loop it was accepted on. Received bytes go into an
 * {@link ImapLineFramer}; commands are taken out one at a time and the next one only when the previous has
 * been answered, so pipelined commands are answered strictly in order while later input waits in the framer
 * (past a bound the socket is paused). A command runs through the {@link ImapDispatcher}; when its handler
 * completes, the session writes the mailbox updates RFC 3501 allows at that point and then the tagged
 * response. APPEND messages are not held: their literal streams into the store as it arrives
 * ({@link AppendReceiver}). Continuation exchanges (AUTHENTICATE, IDLE) take the next line through
 * {@link #nextLine(String)}.
 */
public final class ImapSession {

  private static final System.Logger LOG = System.getLogger(ImapSession.class.getName());
  /** Input waiting behind a running command before the socket is paused. */
  private static final int MAX_WAITING_INPUT = 256 * 1024;

  private final NetSocket socket;
  private final SessionOutput output;
  private final ImapServices services;
  private final ImapDispatcher dispatcher;
  private final ImapParser parser = new ImapParser();
  private final Context context;
  private final String clientIp;
  private final boolean loopback;
  private final long openedAt = System.nanoTime();
  private final Set<Extension> enabled = EnumSet.noneOf(Extension.class);
  private ImapLineFramer framer;
  private ImapState state = ImapState.NOT_AUTHENTICATED;
  private String account;
  private SelectedMailbox selected;
  private Promise<ImapCommandLine> awaitingLine;
  private AppendReceiver append;
  private boolean decidingLiteral;
  private boolean busy;
  private boolean idling;
  private boolean inputPaused;
  private boolean closed;
  private boolean admitted;
  private boolean closeWhenIdle;
  private int errors;
  private int authFailures;
  private long lastActivity = System.nanoTime();
  private long timerId = -1;
  /** The update report an IDLE started last; the next tagged response waits for it. */
  private Future<Void> idleReport = Future.succeededFuture();

  /** Extensions a client turns on with ENABLE (RFC 5161) or implicitly (CONDSTORE by a CONDSTORE command). */
  public enum Extension { CONDSTORE }

  public ImapSession(NetSocket socket, ImapServices services, ImapDispatcher dispatcher) {
    this.socket = socket;
    this.output = new SessionOutput(socket);
    this.services = services;
    this.dispatcher = dispatcher;
    this.context = Vertx.currentContext();
    this.clientIp = socket.remoteAddress().hostAddress();
    this.loopback = PlaintextLoginPolicy.isLoopback(clientIp);
  }

  /** Greets the client, or refuses it when a connection limit is reached. */
  public void start() {
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(err -> LOG.log(Level.DEBUG, "imap {0}: socket error: {1}", clientIp, err.toString()));
    if (!services.connections().tryAcquire(clientIp)) {
      LOG.log(Level.INFO, "imap {0}: refused, too many connections", clientIp);
      services.metrics().reject("connection_limit");
      closed = true;
      socket.write(ImapResponseBuilder.untagged().status(Status.BYE, ImapResponseCode.UNAVAILABLE)
          .text("too many connections, try later").build()).onComplete(ar -> socket.close());
      return;
    }
    admitted = true;
    services.metrics().sessionOpened();
    LOG.log(Level.INFO, "imap {0}: connect{1}", clientIp, socket.isSsl() ? " (implicit TLS)" : "");
    socket.shutdownHandler(v -> onServerShutdown());
    installFramer();
    send(ImapResponseBuilder.untagged().ok(ImapResponseCode.capability(Capabilities.of(this)))
        .text(services.options().hostname() + " IMAP4rev1 ready").build());
    scheduleTimeout(services.options().idleTimeout().toMillis());
  }

  private void installFramer() {
    framer = new ImapLineFramer(new ImapLineFramer.Limits(services.options().maxLineLength(),
        services.options().maxLiteralSize(), 4L * services.options().maxLiteralSize()));
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

  /** Takes events out of the framer for as long as the session can act on them. */
  void processInput() {
    while (!closed && !decidingLiteral) {
      // A running command may own the socket's drain handler (a FETCH streaming): never take it over.
      if (append != null ? append.full() : busy && awaitingLine == null) {
        break;
      }
      if (socket.writeQueueFull()) {
        // The client is not reading its answers: take no more commands until it does.
        socket.drainHandler(v -> {
          socket.drainHandler(null);
          processInput();
        });
        break;
      }
      ImapLineFramer.Event event = framer.next();
      if (event == null) {
        break;
      }
      onEvent(event);
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

  private void onEvent(ImapLineFramer.Event event) {
    if (event instanceof ImapLineFramer.LiteralChunk chunk) {
      append.chunk(chunk);
    } else if (event instanceof ImapLineFramer.CommandReady ready) {
      onCommandLine(ready.line());
    } else if (event instanceof ImapLineFramer.LiteralAnnounced announced) {
      onLiteralAnnounced(announced);
    } else if (event instanceof ImapLineFramer.LineTooLong tooLong) {
      if (awaitingLine != null) {
        failAwaitingLine();
      }
      badCommand(tooLong.tag(), "command line too long");
    }
  }

  private void onCommandLine(ImapCommandLine line) {
    if (append != null) {
      AppendReceiver receiving = append;
      append = null;
      busy = true;
      receiving.finish(line);
      return;
    }
    if (awaitingLine != null) {
      Promise<ImapCommandLine> waiting = awaitingLine;
      awaitingLine = null;
      waiting.complete(line);
      return;
    }
    ImapParseResult result = parser.parse(line);
    if (result instanceof ImapParseResult.Rejected rejected) {
      badCommand(rejected.tag(), rejected.reason());
      return;
    }
    ImapParseResult.Parsed parsed = (ImapParseResult.Parsed) result;
    run(parsed.tag(), parsed.command());
  }

  private void onLiteralAnnounced(ImapLineFramer.LiteralAnnounced announced) {
    if (awaitingLine != null) {
      // A continuation answer carries no literals: refuse it as a whole.
      framer.rejectLiteral();
      failAwaitingLine();
      return;
    }
    if (ImapParser.isAppendMessage(announced.soFar())) {
      decidingLiteral = true;
      busy = true;
      AppendReceiver.begin(this, announced).onComplete(ar -> {
        decidingLiteral = false;
        if (ar.succeeded() && ar.result() != null) {
          append = ar.result();
        }
        // Otherwise the APPEND was answered through complete(), which frees the session once written.
        processInput();
      });
      return;
    }
    if (announced.fitsInMemory()) {
      framer.acceptLiteral();
      if (announced.synchronising()) {
        send(ImapResponseBuilder.continuation().text("Ready for literal data").build());
      }
      return;
    }
    framer.rejectLiteral();
    String tag = ImapParser.tagOf(announced.soFar());
    badCommand(tag, ImapResponseCode.TOOBIG, "literal too large");
  }

  private void failAwaitingLine() {
    Promise<ImapCommandLine> waiting = awaitingLine;
    awaitingLine = null;
    waiting.fail(new IllegalArgumentException("unacceptable continuation line"));
  }

  private void run(String tag, ImapCommand command) {
    busy = true;
    Future<Completion> work;
    try {
      work = dispatcher.dispatch(this, tag, command);
    } catch (RuntimeException e) {
      work = Future.failedFuture(e);
    }
    boolean allowExpunge = ImapDispatcher.allowsExpungeResponses(command);
    String name = ImapDispatcher.name(command);
    onContext(work).onComplete(ar -> {
      Completion completion;
      if (ar.succeeded()) {
        completion = ar.result();
      } else {
        completion = Completion.failure(ar.cause());
        if (completion.code() == ImapResponseCode.SERVERBUG) {
          LOG.log(Level.WARNING, "imap {0}: {1} failed: {2}", clientIp, name, ar.cause().toString());
        }
      }
      complete(tag, completion, allowExpunge);
    });
  }

  /**
   * Ends the running command: the selected mailbox's pending updates, then the tagged response, then the
   * next command. Used by the dispatcher path and by APPEND.
   */
  void complete(String tag, Completion completion, boolean allowExpunge) {
    boolean withUpdates = completion != Completion.ALREADY_SENT && completion.status() != Status.BAD;
    // An update report started during IDLE finishes first, so its lines precede the tagged response.
    Future<Buffer> updates = idleReport.transform(done -> withUpdates && selected != null
        && state == ImapState.SELECTED
        ? onContext(selected.drainUpdates(allowExpunge, condStore())) : Future.succeededFuture(null));
    updates.onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null && ar.result().length() > 0) {
        send(ar.result());
      }
      busy = false;
      lastActivity = System.nanoTime();
      Future<Void> written = completion == Completion.ALREADY_SENT || closed ? Future.succeededFuture()
          : socket.write(tagged(tag, completion));
      if (completion.status() == Status.BAD) {
        countError();
      }
      if (state == ImapState.LOGOUT) {
        // Close once the last answer is out, or the client may never see the tagged OK of LOGOUT.
        written.onComplete(done -> close());
      } else if (closeWhenIdle) {
        closeForShutdown();
      } else {
        processInput();
      }
    });
  }

  private static Buffer tagged(String tag, Completion completion) {
    ImapResponseBuilder response;
    try {
      response = tag == null ? ImapResponseBuilder.untagged() : ImapResponseBuilder.tagged(tag);
    } catch (IllegalArgumentException notATag) {
      response = ImapResponseBuilder.untagged();
    }
    return response.status(completion.status(), completion.code()).text(completion.text()).build();
  }

  /** Answers a command that could not be parsed or taken; the session goes on unless errors pile up. */
  void badCommand(String tag, String reason) {
    badCommand(tag, null, reason);
  }

  private void badCommand(String tag, ImapResponseCode code, String reason) {
    send(tagged(tag, Completion.bad(code, reason)));
    countError();
  }

  private void countError() {
    if (++errors >= services.options().maxErrorsBeforeDisconnect() && !closed) {
      LOG.log(Level.INFO, "imap {0}: too many errors", clientIp);
      services.metrics().reject("too_many_errors");
      bye("too many errors, closing connection");
    }
  }

  // --- output ---

  /** Writes untagged responses (or anything already formatted). */
  public void send(Buffer response) {
    if (!closed) {
      socket.write(response);
    }
  }

  /** Where streamed responses (FETCH) go; writers must respect its write queue. */
  public WriteStream<Buffer> output() {
    return output;
  }

  /** Completes when the client has read enough of what was written to take more. */
  public Future<Void> writable() {
    if (closed || !output.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    // Through the output, so a client that leaves meanwhile releases the waiter too.
    output.drainHandler(v -> {
      output.drainHandler(null);
      drained.tryComplete();
    });
    return drained.future();
  }

  /** Sends {@code * BYE} and closes. */
  public void bye(String text) {
    if (closed) {
      return;
    }
    closed = true;
    releaseSelected();
    socket.write(ImapResponseBuilder.untagged().status(Status.BYE, null).text(text).build())
        .onComplete(ar -> socket.close());
  }

  private void close() {
    if (!closed) {
      closed = true;
      releaseSelected();
      socket.close();
    }
  }

  /**
   * Sends a continuation request and hands the client's next line to the caller (AUTHENTICATE, IDLE). The
   * future fails if that line is too long or carries a literal.
   */
  public Future<ImapCommandLine> nextLine(String prompt) {
    send(ImapResponseBuilder.continuation().text(prompt).build());
    awaitingLine = Promise.promise();
    Future<ImapCommandLine> line = awaitingLine.future();
    context.runOnContext(v -> processInput());
    return line;
  }

  // --- authentication and TLS ---

  /**
   * STARTTLS (RFC 3501 section 6.2.1): whatever the client pipelined behind the command was sent in plaintext
   * and is thrown away with the old framer; the tagged OK goes out in plaintext just before the handshake.
   */
  public Future<Completion> startTls(String tag) {
    if (inputPaused || framer.buffered() > 0) {
      LOG.log(Level.INFO, "imap {0}: plaintext pipelined after STARTTLS discarded", clientIp);
    }
    installFramer();
    Buffer ready = tagged(tag, Completion.ok("Begin TLS negotiation now"));
    return services.startTls().upgrade(socket, ready).transform(ar -> {
      if (inputPaused) {
        inputPaused = false;
        socket.resume();
      }
      if (ar.succeeded()) {
        LOG.log(Level.INFO, "imap {0}: TLS established ({1})", clientIp, socket.sslSession().getProtocol());
      } else if (!closed) {
        LOG.log(Level.INFO, "imap {0}: TLS handshake failed: {1}", clientIp, ar.cause().toString());
        closed = true;
        socket.close();
      }
      return Future.succeededFuture(Completion.ALREADY_SENT);
    });
  }

  /** A login succeeded: the session is now AUTHENTICATED as {@code account}. */
  public void authenticated(String canonicalAccount) {
    account = canonicalAccount;
    state = ImapState.AUTHENTICATED;
  }

  /** Counts a failed login; at the per-session limit the connection is closed after the answer. */
  public Completion authenticationFailed(Completion refusal) {
    if (++authFailures >= services.options().maxAuthFailuresPerSession()) {
      LOG.log(Level.INFO, "imap {0}: too many authentication failures", clientIp);
      services.metrics().reject("auth_failures");
      state = ImapState.LOGOUT;
    }
    return refusal;
  }

  /** LOGOUT: {@code * BYE} now, the tagged OK next, then the connection closes. */
  public void logout() {
    send(ImapResponseBuilder.untagged().status(Status.BYE, null)
        .text(services.options().hostname() + " IMAP4rev1 server logging out").build());
    releaseSelected();
    state = ImapState.LOGOUT;
  }

  // --- mailbox selection ---

  /** Makes {@code mailbox} the selected one; a previously selected mailbox is let go first. */
  public void select(SelectedMailbox mailbox) {
    releaseSelected();
    selected = mailbox;
    state = ImapState.SELECTED;
  }

  /** CLOSE, UNSELECT, or a failed SELECT: back to AUTHENTICATED. */
  public void unselect() {
    releaseSelected();
    if (state == ImapState.SELECTED) {
      state = ImapState.AUTHENTICATED;
    }
  }

  private void releaseSelected() {
    if (selected != null) {
      SelectedMailbox old = selected;
      selected = null;
      old.close();
    }
  }

  /**
   * IDLE (RFC 2177): reports changes as they happen (gathered for a moment, they come in bursts) until the
   * client sends DONE.
   */
  public Future<Completion> idle() {
    idling = true;
    Runnable report = () -> context.runOnContext(v -> flushWhileIdle());
    if (selected != null) {
      selected.onChange(() -> services.vertx().setTimer(
          Math.max(1, services.options().idleNotifyInterval().toMillis()), id -> report.run()));
    }
    Future<ImapCommandLine> done = nextLine("idling");
    if (selected != null && selected.hasUpdates()) {
      report.run();
    }
    return done.transform(ar -> {
      idling = false;
      if (selected != null) {
        selected.onChange(null);
      }
      if (ar.succeeded() && ImapParser.isIdleDone(ar.result())) {
        return Future.succeededFuture(Completion.ok("IDLE terminated"));
      }
      return Future.succeededFuture(Completion.bad("expected DONE"));
    });
  }

  private void flushWhileIdle() {
    if (!idling || closed || selected == null || !selected.hasUpdates()) {
      return;
    }
    SelectedMailbox current = selected;
    idleReport = idleReport.transform(previous -> onContext(current.drainUpdates(true, condStore()))
        .transform(ar -> {
          // Sent even if DONE came meanwhile: the view already counts these changes as told.
          if (ar.succeeded() && selected == current && ar.result().length() > 0) {
            send(ar.result());
          }
          return Future.<Void>succeededFuture();
        }));
  }

  // --- server shutdown and timeouts ---

  private void onServerShutdown() {
    if (closed) {
      return;
    }
    if (busy && !idling) {
      closeWhenIdle = true;
      return;
    }
    closeForShutdown();
  }

  private void closeForShutdown() {
    LOG.log(Level.INFO, "imap {0}: closed by server shutdown in state {1}", clientIp, state);
    bye(services.options().hostname() + " server shutting down");
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
    if (busy && awaitingLine == null && append == null) {
      // The server is the one working (store, account check): not the client's idle time.
      scheduleTimeout(TimeUnit.NANOSECONDS.toMillis(limit));
    } else if (idle >= limit) {
      LOG.log(Level.INFO, "imap {0}: autologout in state {1}", clientIp, state);
      services.metrics().reject("timeout");
      if (append != null) {
        append.abort();
      }
      bye("autologout, idle for too long");
    } else {
      scheduleTimeout(TimeUnit.NANOSECONDS.toMillis(limit - idle));
    }
  }

  private void onClosed() {
    closed = true;
    output.closed();
    if (timerId >= 0) {
      services.vertx().cancelTimer(timerId);
    }
    if (append != null) {
      append.abort();
      append = null;
    }
    if (awaitingLine != null) {
      failAwaitingLine();
    }
    releaseSelected();
    if (admitted) {
      admitted = false;
      services.connections().release(clientIp);
      services.metrics().sessionClosed();
      LOG.log(Level.INFO, "imap {0}: disconnect{1} after {2} ms", clientIp,
          account == null ? "" : " (" + account + ")",
          String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt)));
    }
  }

  /** Brings a future's completion back onto this session's event loop. */
  public <T> Future<T> onContext(Future<T> future) {
    return ContextHop.onContext(context, future);
  }

  // --- state for the handlers ---

  public ImapState state() {
    return state;
  }

  public ImapServices services() {
    return services;
  }

  ImapParser parser() {
    return parser;
  }

  ImapLineFramer framer() {
    return framer;
  }

  public String clientIp() {
    return clientIp;
  }

  public boolean tls() {
    return socket.isSsl();
  }

  /** LOGIN and AUTHENTICATE PLAIN are allowed on this connection now. */
  public boolean plaintextLoginAllowed() {
    return services.plaintextLogins().allows(tls(), loopback);
  }

  /** The logged-in account; null before authentication. */
  public String account() {
    return account;
  }

  /** The selected mailbox; null unless SELECTED. */
  public SelectedMailbox selected() {
    return selected;
  }

  public boolean enabled(Extension extension) {
    return enabled.contains(extension);
  }

  public void enable(Extension extension) {
    enabled.add(extension);
  }

  public boolean condStore() {
    return enabled.contains(Extension.CONDSTORE);
  }

  public boolean closed() {
    return closed;
  }
}
