package dev.tern.load.pop3;

import dev.tern.load.mailbox.MailConnection;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The POP3 client side of one connection: commands in order, each answered by its status line, and for the
 * multi-line commands the lines up to the terminating "." (RFC 1939 section 3), un-dot-stuffed and handed over one
 * by one. Several commands may be outstanding (RFC 2449 PIPELINING, when the server offers it): replies are matched
 * to them in the order they were sent. A line the
 * protocol does not expect, a status line that is neither +OK nor -ERR, a line longer than {@link #MAX_LINE_OCTETS},
 * a timeout or a close breaks the connection.
 */
final class Pop3Connection {

  /**
   * Status lines are at most 512 octets (RFC 2449), message lines should be at most 1000 (RFC 5322) but real mail
   * breaks that; a line without a line break for a whole MiB is not mail.
   */
  static final int MAX_LINE_OCTETS = 1 << 20;

  private enum Expecting { NOTHING, STATUS, STATUS_THEN_LINES, LINES }

  /** A command sent (or the greeting) whose reply has not fully arrived. */
  private record Pending(Promise<Pop3Reply> promise, Expecting what, Handler<Buffer> lines) {}

  private final MailConnection connection;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  /** What the reply at the head of {@link #pending} is at: its status line, or its lines. */
  private Expecting expecting = Expecting.NOTHING;
  private Pop3Reply linesStatus;
  private final Future<Pop3Reply> greeting;

  /** Call right after connecting, on the connection's event loop, so that the greeting cannot slip past. */
  Pop3Connection(MailConnection connection) {
    this.connection = connection;
    connection.reader(newParser());
    connection.onBroken(this::broke);
    this.greeting = await(Expecting.STATUS, null);
  }

  private RecordParser newParser() {
    RecordParser parser = RecordParser.newDelimited("\r\n", this::line);
    parser.maxRecordSize(MAX_LINE_OCTETS);
    parser.exceptionHandler(e -> connection.fail("a line longer than " + MAX_LINE_OCTETS + " octets"));
    return parser;
  }

  MailConnection mail() {
    return connection;
  }

  Future<Pop3Reply> greeting() {
    return greeting;
  }

  /** A command answered by one status line. */
  Future<Pop3Reply> command(String command) {
    return send(command, Expecting.STATUS, null);
  }

  /**
   * A multi-line command (LIST, RETR...): completes with its status line once the terminating "." has arrived (or
   * at once for -ERR, which has no lines); each line in between goes to {@code lines} without CRLF, dot-unstuffed.
   */
  Future<Pop3Reply> multiLine(String command, Handler<Buffer> lines) {
    return send(command, Expecting.STATUS_THEN_LINES, lines);
  }

  /** STLS after its +OK: nothing read in plaintext survives the upgrade. */
  Future<Void> startTls() {
    connection.reader(newParser());
    return connection.startTls();
  }

  Future<Void> close() {
    return connection.close();
  }

  private Future<Pop3Reply> send(String command, Expecting what, Handler<Buffer> lines) {
    IOException broken = connection.broken();
    if (broken != null) {
      return Future.failedFuture(broken);
    }
    Future<Pop3Reply> reply = await(what, lines);
    connection.writeLine(command);
    return reply;
  }

  private Future<Pop3Reply> await(Expecting what, Handler<Buffer> lines) {
    Pending next = new Pending(Promise.promise(), what, lines);
    pending.add(next);
    if (pending.size() == 1) {
      expecting = what;
    }
    connection.awaitReply();
    return next.promise().future();
  }

  private void line(Buffer line) {
    switch (expecting) {
      case NOTHING -> connection.fail("a line while no reply was due");
      case STATUS, STATUS_THEN_LINES -> status(line.toString(StandardCharsets.ISO_8859_1));
      case LINES -> {
        Handler<Buffer> lineHandler = pending.peek().lines();
        if (line.length() == 1 && line.getByte(0) == '.') {
          complete(linesStatus);
        } else if (line.length() > 1 && line.getByte(0) == '.') {
          lineHandler.handle(line.getBuffer(1, line.length()));
        } else {
          lineHandler.handle(line);
        }
      }
    }
  }

  private void status(String line) {
    Pop3Reply reply = Pop3Reply.parse(line);
    if (reply == null) {
      connection.fail("not a status line: " + abbreviated(line));
    } else if (reply.ok() && expecting == Expecting.STATUS_THEN_LINES) {
      linesStatus = reply;
      expecting = Expecting.LINES;
    } else {
      complete(reply);
    }
  }

  private static String abbreviated(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }

  private void complete(Pop3Reply reply) {
    Pending done = pending.poll();
    linesStatus = null;
    Pending next = pending.peek();
    expecting = next == null ? Expecting.NOTHING : next.what();
    if (next == null) {
      connection.replyComplete();
    }
    done.promise().complete(reply);
  }

  private void broke(IOException why) {
    expecting = Expecting.NOTHING;
    Pending left;
    while ((left = pending.poll()) != null) {
      left.promise().fail(why);
    }
  }
}
