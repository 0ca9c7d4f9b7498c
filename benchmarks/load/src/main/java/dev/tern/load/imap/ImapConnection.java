package dev.tern.load.imap;

import dev.tern.load.mailbox.MailConnection;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;

import java.io.IOException;
import java.util.function.Function;

/**
 * The IMAP client side of one connection: one command at a time, each with a fresh tag, untagged responses handed to
 * the command that is running (and to a session-wide listener, which tracks EXISTS and EXPUNGE), continuation
 * requests answered by the command. Any response that fits no waiting command is a protocol error, which breaks the
 * connection; so does a timeout or a close while a reply is due.
 */
final class ImapConnection {

  private final MailConnection connection;
  private Handler<ImapResponse> sessionListener = response -> {};
  private int tags;
  private Promise<ImapResponse> waiting;
  private String waitingTag;
  private Handler<ImapResponse> commandUntagged;
  private Function<ImapResponse, String> continuationAnswer;
  private boolean byeReceived;
  private final Future<ImapResponse> greeting;

  /** Call right after connecting, on the connection's event loop, so that the greeting cannot slip past. */
  ImapConnection(MailConnection connection) {
    this.connection = connection;
    connection.reader(newReader());
    connection.onBroken(this::broke);
    this.greeting = await(null, null, null);
  }

  private ImapResponseReader newReader() {
    return new ImapResponseReader(this::received, connection::fail);
  }

  MailConnection mail() {
    return connection;
  }

  /** Hears every untagged response, whatever command runs (or none). */
  void sessionListener(Handler<ImapResponse> listener) {
    this.sessionListener = listener;
  }

  /** Whether another command can go out: connected, and the server has not said BYE. */
  boolean usable() {
    return connection.broken() == null && !byeReceived;
  }

  boolean byeReceived() {
    return byeReceived;
  }

  /** The server's first response: untagged OK, PREAUTH or BYE. */
  Future<ImapResponse> greeting() {
    return greeting;
  }

  /** Sends a command that needs no continuation; completes with its tagged reply. */
  Future<ImapResponse> command(String command, Handler<ImapResponse> untagged) {
    return command(command, untagged, null);
  }

  /**
   * Sends a command and answers each continuation request with the line {@code onContinuation} returns. When it
   * returns null the command is held (IDLE): no reply is due until {@link #continueWith} sends the next line.
   */
  Future<ImapResponse> command(String command, Handler<ImapResponse> untagged,
                               Function<ImapResponse, String> onContinuation) {
    IOException broken = connection.broken();
    if (broken != null) {
      return Future.failedFuture(broken);
    }
    if (waiting != null) {
      return Future.failedFuture(new IllegalStateException("a command is already running"));
    }
    String tag = "L" + (++tags);
    Future<ImapResponse> reply = await(tag, untagged, onContinuation);
    connection.writeLine(tag + " " + command);
    return reply;
  }

  /** Sends a line to a held command (DONE to IDLE); its tagged reply is due again. */
  void continueWith(String line) {
    connection.writeLine(line);
    connection.awaitReply();
  }

  /** STARTTLS after its OK: nothing read in plaintext survives the upgrade. */
  Future<Void> startTls() {
    connection.reader(newReader());
    return connection.startTls();
  }

  /** LOGOUT if the connection still works, then close; never fails. */
  Future<Void> logout() {
    if (!usable()) {
      return connection.close();
    }
    return command("LOGOUT", response -> {}).<Void>mapEmpty().otherwiseEmpty().eventually(connection::close);
  }

  private Future<ImapResponse> await(String tag, Handler<ImapResponse> untagged,
                                     Function<ImapResponse, String> onContinuation) {
    waiting = Promise.promise();
    waitingTag = tag;
    commandUntagged = untagged;
    continuationAnswer = onContinuation;
    connection.awaitReply();
    return waiting.future();
  }

  private void received(ImapResponse response) {
    if (response.untagged()) {
      if (response.keyword().equals("BYE")) {
        byeReceived = true;
      }
      sessionListener.handle(response);
      if (waiting != null && waitingTag == null) {
        complete(response);
      } else if (commandUntagged != null) {
        commandUntagged.handle(response);
      }
    } else if (response.continuation()) {
      if (continuationAnswer == null) {
        connection.fail("a continuation request nobody asked for: " + response);
        return;
      }
      String answer = continuationAnswer.apply(response);
      if (answer == null) {
        connection.replyComplete();
      } else {
        connection.writeLine(answer);
      }
    } else if (waiting != null && response.tag().equals(waitingTag)) {
      complete(response);
    } else {
      connection.fail("a tagged response to no command: " + response);
    }
  }

  private void complete(ImapResponse response) {
    Promise<ImapResponse> done = waiting;
    waiting = null;
    waitingTag = null;
    commandUntagged = null;
    continuationAnswer = null;
    connection.replyComplete();
    done.complete(response);
  }

  private void broke(IOException why) {
    Promise<ImapResponse> pending = waiting;
    waiting = null;
    commandUntagged = null;
    continuationAnswer = null;
    if (pending != null) {
      pending.fail(why);
    }
  }
}
