package dev.tern.load.sink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * One connection: frames what the client sends into command lines, DATA bodies and BDAT chunks for its
 * {@link SmtpDialog}, and writes the replies of each received batch in one write. Runs on one event loop.
 *
 * <p>Limits: command lines as {@link CommandLineReader} says; a session silent for the idle timeout gets 421 and is
 * closed (its listener's {@link EventLoopSessions} sweeps for those). While a reply waits for the spool's fsync,
 * reading stops and whatever was already read is held, so pipelined commands after it are answered in order.
 */
final class SinkSession implements SessionIo {

  private enum Mode { COMMAND, DATA, CHUNK, TLS_HANDSHAKE, CLOSING }

  private final Vertx vertx;
  private final NetSocket socket;
  private final EventLoopSessions openSessions;
  private final SinkShared shared;
  private final SmtpDialog dialog;
  private final DotBodyScanner body = new DotBodyScanner();
  private final CommandLineReader commandLines = new CommandLineReader();
  private final long idleNanos;
  private Context context;
  private Mode mode = Mode.COMMAND;
  private long chunkRemaining;
  private Buffer output;
  private boolean startTlsAfterFlush;
  private io.netty.util.concurrent.Future<Channel> handshake;
  private boolean inTls;
  private boolean awaiting;
  private boolean pausedForWrites;
  private Buffer heldInput;
  private boolean closed;
  private long lastInput;
  /** Links of the open-session list of {@link EventLoopSessions}, which alone touches them. */
  SinkSession previousOpen;
  SinkSession nextOpen;

  SinkSession(Vertx vertx, NetSocket socket, SinkShared shared, EventLoopSessions openSessions) {
    this.vertx = vertx;
    this.socket = socket;
    this.openSessions = openSessions;
    this.shared = shared;
    this.dialog = new SmtpDialog(shared, this);
    this.idleNanos = shared.options().idleTimeout().toNanos();
  }

  /** Greets the client and starts reading. Call it on the event loop that accepted the connection. */
  void start() {
    context = vertx.getOrCreateContext();
    shared.counters().sessions.increment();
    shared.counters().openSessions.incrementAndGet();
    openSessions.add(this);
    // Raw reads rather than socket.handler(): Vert.x would copy every read into a new heap buffer first.
    ((NetSocketInternal) socket).messageHandler(this::onMessage);
    socket.closeHandler(v -> onClosed());
    // A reset or a failed handshake: the close handler does the counting, and there is nothing worth logging.
    socket.exceptionHandler(e -> socket.close());
    socket.drainHandler(v -> {
      pausedForWrites = false;
      if (!awaiting) {
        socket.resume();
      }
    });
    lastInput = System.nanoTime();
    socket.write(Buffer.buffer(shared.replies().greeting));
  }

  private void onMessage(Object message) {
    if (message instanceof ByteBuf bytes) {
      try {
        onInput(bytes);
      } finally {
        bytes.release();
      }
    } else {
      ReferenceCountUtil.release(message);
    }
  }

  /** What was read, valid only until this returns (the buffer goes back to Netty's pool). */
  private void onInput(ByteBuf bytes) {
    lastInput = System.nanoTime();
    if (mode == Mode.TLS_HANDSHAKE) {
      if (handshake == null || !handshake.isSuccess()) {
        return;  // plaintext that came with or after STARTTLS: never a command (RFC 3207 section 4.2)
      }
      tlsEstablished();
    }
    int length = bytes.readableBytes();
    byte[] in;
    int from;
    if (bytes.hasArray()) {
      in = bytes.array();
      from = bytes.arrayOffset() + bytes.readerIndex();
    } else {
      in = openSessions.scratch(length);
      bytes.getBytes(bytes.readerIndex(), in, 0, length);
      from = 0;
    }
    if (awaiting) {
      hold(in, from, from + length);  // read before the pause took hold
      return;
    }
    consume(in, from, from + length);
    flush();
  }

  private void hold(byte[] in, int from, int to) {
    if (heldInput == null) {
      heldInput = Buffer.buffer(to - from);
    }
    heldInput.appendBytes(in, from, to - from);
  }

  private void consume(byte[] in, int from, int to) {
    int i = from;
    while (i < to && !awaiting) {
      switch (mode) {
        case COMMAND -> i = commandLines.read(in, i, to, dialog);
        case DATA -> i = readData(in, i, to);
        case CHUNK -> i = readChunk(in, i, to);
        default -> i = to;
      }
    }
    if (awaiting && i < to) {
      hold(in, i, to);
    }
  }

  private int readData(byte[] in, int from, int to) {
    int end = body.scan(in, from, to);
    int bodyEnd = end < 0 ? to : end;
    dialog.bodyBytes(in, from, bodyEnd);
    if (end >= 0) {
      mode = Mode.COMMAND;
      dialog.dataEnded(body.size(true));
    }
    return bodyEnd;
  }

  private int readChunk(byte[] in, int from, int to) {
    int octets = (int) Math.min(chunkRemaining, to - from);
    dialog.bodyBytes(in, from, from + octets);
    chunkRemaining -= octets;
    if (chunkRemaining == 0) {
      mode = Mode.COMMAND;
      dialog.chunkEnded();
    }
    return from + octets;
  }

  @Override
  public void reply(byte[] reply) {
    if (output == null) {
      output = Buffer.buffer(Math.max(128, reply.length));
    }
    output.appendBytes(reply);
  }

  @Override
  public void receiveData() {
    mode = Mode.DATA;
    body.reset();
  }

  @Override
  public void receiveChunk(long octets) {
    if (octets == 0) {
      dialog.chunkEnded();
    } else {
      mode = Mode.CHUNK;
      chunkRemaining = octets;
    }
  }

  @Override
  public void startTls() {
    mode = Mode.TLS_HANDSHAKE;
    startTlsAfterFlush = true;
  }

  @Override
  public void closeAfterReplies() {
    mode = Mode.CLOSING;
  }

  @Override
  public boolean inTls() {
    return inTls;
  }

  /** The reply future must complete later, on this event loop (the spool writer's do). */
  @Override
  public void awaitReply(Future<byte[]> reply) {
    awaiting = true;
    socket.pause();
    reply.onComplete(result -> {
      awaiting = false;
      reply(result.result());
      if (heldInput != null) {
        byte[] held = heldInput.getBytes();
        heldInput = null;
        consume(held, 0, held.length);
      }
      flush();
      if (!awaiting && !pausedForWrites && !closed) {
        socket.resume();
      }
    });
  }

  private void flush() {
    Buffer pending = output;
    output = null;
    if (closed) {
      return;
    }
    if (startTlsAfterFlush) {
      startTlsAfterFlush = false;
      handshake = shared.tls().startTls(socket, pending);
      handshake.addListener(done -> context.runOnContext(v -> {
        if (!done.isSuccess()) {
          socket.close();
        } else if (mode == Mode.TLS_HANDSHAKE) {
          tlsEstablished();
        }
      }));
      return;
    }
    if (mode == Mode.CLOSING) {
      if (pending == null) {
        socket.close();
      } else {
        socket.write(pending).onComplete(written -> socket.close());
      }
      return;
    }
    if (pending != null) {
      socket.write(pending);
      if (socket.writeQueueFull()) {
        pausedForWrites = true;
        socket.pause();
      }
    }
  }

  private void tlsEstablished() {
    inTls = true;
    mode = Mode.COMMAND;
    commandLines.reset();
    dialog.tlsStarted();
  }

  /** Called by the sweep: a session silent for the idle timeout gets 421 and is closed. */
  void closeIfIdle(long nowNanos) {
    if (closed || awaiting || mode == Mode.CLOSING || nowNanos - lastInput < idleNanos) {
      return;
    }
    mode = Mode.CLOSING;
    reply(shared.replies().idleTimeout);
    flush();
  }

  private void onClosed() {
    closed = true;
    openSessions.remove(this);
    shared.counters().openSessions.decrementAndGet();
  }
}
