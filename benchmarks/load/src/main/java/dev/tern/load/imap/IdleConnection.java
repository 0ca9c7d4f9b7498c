package dev.tern.load.imap;

import dev.tern.load.engine.SessionContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetClient;

/**
 * One connection of an idle hold, used only on its own event loop: opens (login, select), sends IDLE and waits for
 * the "+" that starts it, then stays silent until told to end (DONE, LOGOUT). A server that ends the IDLE or the
 * connection before that has dropped it.
 */
final class IdleConnection {

  enum State { OPENING, FAILED, IDLING, DROPPED, ENDING }

  private final ImapSettings settings;
  private final SessionContext context;
  private final IdleTally tally;
  private final Promise<Void> settled = Promise.promise();
  private State state = State.OPENING;
  private ImapConnection imap;
  private Future<ImapResponse> idleReply;

  IdleConnection(ImapSettings settings, SessionContext context, IdleTally tally) {
    this.settings = settings;
    this.context = context;
    this.tally = tally;
  }

  /**
   * Opens and starts idling; the future completes (never fails) once the connection idles or has failed to.
   *
   * @param scheduledNanos when this connection was due to open: its "operation" latency runs from there to the "+"
   */
  Future<Void> open(NetClient client, long scheduledNanos) {
    ImapLogin.open(client, settings, context, new MailboxView()).onComplete(opened -> {
      if (opened.failed()) {
        failed(opened.cause().getMessage());
        return;
      }
      imap = opened.result();
      long start = System.nanoTime();
      idleReply = imap.command("IDLE", response -> {}, continuation -> {
        long now = System.nanoTime();
        context.recordPhase(IdleHold.IDLE_ACK, now - start);
        context.recordPhase(IdleHold.OPERATION, now - scheduledNanos);
        state = State.IDLING;
        tally.idleReached();
        settled.tryComplete();
        return null;
      });
      idleReply.onComplete(reply -> idleEnded(reply.succeeded() ? "IDLE ended by the server: " + reply.result()
          : reply.cause().getMessage()));
    });
    return settled.future();
  }

  /** Ends the IDLE (DONE) and logs out; completes when the connection is closed, never fails. */
  Future<Void> end() {
    if (state != State.IDLING) {
      return imap == null ? Future.succeededFuture() : imap.logout();
    }
    state = State.ENDING;
    imap.continueWith("DONE");
    return idleReply.<Void>transform(reply -> imap.logout());
  }

  private void idleEnded(String why) {
    switch (state) {
      case OPENING -> {
        failed("IDLE refused: " + why);
        imap.logout();
      }
      case IDLING -> {
        state = State.DROPPED;
        tally.dropped(why);
        imap.logout();
      }
      default -> { }
    }
  }

  private void failed(String why) {
    state = State.FAILED;
    tally.failedToOpen(why);
    settled.tryComplete();
  }
}
