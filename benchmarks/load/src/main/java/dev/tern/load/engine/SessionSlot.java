package dev.tern.load.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeoutException;

/**
 * One session slot: keeps one session of the workload open on its event loop and runs operations on it, one at a
 * time. A session that failed is closed and reopened after a backoff (50 ms doubling to 2 s, reset by a successful
 * open) so that a dead target does not spin a CPU; a session that is merely no longer reusable is replaced at once.
 * Every method runs on the slot's context.
 */
final class SessionSlot implements SessionContext {

  static final long FIRST_BACKOFF_MILLIS = 50;
  static final long MAX_BACKOFF_MILLIS = 2_000;

  private final LoadRun run;
  private final int index;
  private final Context context;
  private final long timeoutMillis;
  private LoadSession session;
  private Future<Void> lastClose = Future.succeededFuture();
  private Promise<Void> openSettled;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;
  private long backoffTimer = -1;
  private boolean shuttingDown;

  SessionSlot(LoadRun run, int index, Context context) {
    this.run = run;
    this.index = index;
    this.context = context;
    this.timeoutMillis = Math.max(1, run.settings().operationTimeout().toMillis());
  }

  // --- SessionContext, for the workload's session

  @Override
  public Vertx vertx() {
    return context.owner();
  }

  @Override
  public int sessionIndex() {
    return index;
  }

  @Override
  public void recordPhase(String phase, long nanos) {
    run.latencies().recordPhase(phase, nanos);
  }

  @Override
  public void addBytes(long bytes) {
    run.counters().addBytes(bytes);
  }

  // --- lifecycle

  /** Opens the first session before the clock starts; a failure here costs no operation. */
  Future<Void> warmUp() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> open().onComplete(ar -> done.complete()));
    return done.future();
  }

  /** Closed loop: take operations from the shared count back to back until issuing stops. */
  void startClosedLoop() {
    context.runOnContext(v -> nextClosedLoop());
  }

  /** Open loop: offer this slot to the dispatcher once it has a session. */
  void startOpenLoop() {
    context.runOnContext(v -> {
      if (session != null) {
        run.dispatcher().idle(this);
      } else {
        reopenForOpenLoop();
      }
    });
  }

  /** Called by the dispatcher from any thread: run this operation next. */
  void assign(Ticket ticket) {
    context.runOnContext(v -> execute(ticket));
  }

  /** Stops taking work and closes the session; completes when it is closed. */
  Future<Void> shutdown() {
    Promise<Void> closed = Promise.promise();
    context.runOnContext(v -> {
      shuttingDown = true;
      if (backoffTimer >= 0) {
        context.owner().cancelTimer(backoffTimer);
        backoffTimer = -1;
      }
      Future<Void> opening = openSettled == null ? Future.succeededFuture() : openSettled.future();
      opening.onComplete(ignored -> {
        closeSession();
        lastClose.onComplete(done -> closed.complete());
      });
    });
    return closed.future();
  }

  // --- the loops

  private void nextClosedLoop() {
    if (shuttingDown) {
      return;
    }
    Ticket ticket = run.tryIssue(System.nanoTime());
    if (ticket == null) {
      return;
    }
    if (session != null) {
      execute(ticket);
    } else {
      openThenExecute(ticket);
    }
  }

  /** Opens a session for this operation; if that fails, the operation is a connection error. */
  private void openThenExecute(Ticket ticket) {
    open().onComplete(ar -> {
      if (ar.succeeded() && session != null) {
        execute(ticket);
      } else {
        run.end(ticket, null);
        afterBackoff(run.settings().openLoop() ? this::reopenForOpenLoop : this::nextClosedLoop);
      }
    });
  }

  private void reopenForOpenLoop() {
    if (shuttingDown) {
      return;
    }
    open().onComplete(ar -> {
      if (session != null) {
        run.dispatcher().idle(this);
      } else {
        afterBackoff(this::reopenForOpenLoop);
      }
    });
  }

  private void execute(Ticket ticket) {
    if (ticket.ended() || session == null) {
      // Ended by the drain deadline while it waited in the queue; or handed over while this slot was shutting down.
      if (!ticket.ended()) {
        run.end(ticket, null);
      }
      continueAfterSuccess();
      return;
    }
    if (!session.reusable()) {
      // It broke while idle (the server timed it out): replace it, billing this operation if that fails.
      closeSession();
      openThenExecute(ticket);
      return;
    }
    long started = System.nanoTime();
    if (run.settings().openLoop()) {
      run.latencies().recordStartLag(started - ticket.intendedStartNanos);
    }
    LoadSession current = session;
    Promise<Outcome> result = Promise.promise();
    long timer = context.owner().setTimer(timeoutMillis,
        id -> result.tryFail(new TimeoutException("operation timed out after " + timeoutMillis + " ms")));
    Future<Outcome> running;
    try {
      running = current.run(ticket.operation());
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running.onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.failed() ? ar.cause() : new IllegalStateException("the session answered no outcome"));
      }
    });
    result.future().onComplete(ar -> {
      context.owner().cancelTimer(timer);
      if (ar.succeeded()) {
        run.latencies().recordPhase(LatencyBook.OPERATION, System.nanoTime() - ticket.intendedStartNanos);
        run.end(ticket, ar.result());
        if (current.reusable()) {
          continueAfterSuccess();
        } else {
          closeSession();
          continueAfterRecycle();
        }
      } else {
        run.end(ticket, null);
        closeSession();
        afterBackoff(run.settings().openLoop() ? this::reopenForOpenLoop : this::nextClosedLoop);
      }
    });
  }

  private void continueAfterSuccess() {
    if (run.settings().openLoop()) {
      if (session != null) {
        run.dispatcher().idle(this);
      } else {
        reopenForOpenLoop();
      }
    } else {
      nextClosedLoop();
    }
  }

  private void continueAfterRecycle() {
    if (run.settings().openLoop()) {
      reopenForOpenLoop();
    } else {
      nextClosedLoop();
    }
  }

  // --- sessions

  /** Opens a session within the operation timeout; on success it becomes this slot's session. */
  private Future<Void> open() {
    Promise<Void> settled = Promise.promise();
    openSettled = settled;
    long timer = context.owner().setTimer(timeoutMillis,
        id -> settled.tryFail(new TimeoutException("session set-up timed out after " + timeoutMillis + " ms")));
    Future<LoadSession> opening;
    try {
      opening = run.workload().open(this);
    } catch (RuntimeException e) {
      opening = Future.failedFuture(e);
    }
    opening.onComplete(ar -> {
      context.owner().cancelTimer(timer);
      if (ar.failed()) {
        settled.tryFail(ar.cause());
      } else if (settled.future().isComplete() || shuttingDown) {
        // Too late (timed out) or no longer wanted.
        lastClose = ar.result().close();
        settled.tryFail(new IllegalStateException("session no longer wanted"));
      } else {
        session = ar.result();
        backoffMillis = FIRST_BACKOFF_MILLIS;
        settled.complete();
      }
    });
    return settled.future();
  }

  private void closeSession() {
    LoadSession closing = session;
    session = null;
    if (closing != null) {
      Future<Void> close;
      try {
        close = closing.close();
      } catch (RuntimeException e) {
        close = Future.succeededFuture();
      }
      lastClose = close.otherwiseEmpty();
    }
  }

  private void afterBackoff(Runnable next) {
    if (shuttingDown) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    backoffTimer = context.owner().setTimer(delay, id -> {
      backoffTimer = -1;
      next.run();
    });
  }
}
