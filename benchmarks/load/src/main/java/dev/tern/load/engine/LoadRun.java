package dev.tern.load.engine;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload: opens {@code sessions} slots spread over the event loops, issues operations in a closed or open
 * loop until the count or the duration is reached, waits for the operations in flight, closes every session.
 *
 * <p>Accounting is exact: every issued operation ends exactly once, as the session's {@link Outcome} or as a
 * connection error (its session could not be opened, broke, or it timed out). Operations still unaccounted for
 * one operation timeout after issuing stopped end as timed out.
 */
public final class LoadRun {

  /** Beyond the operation timeout, how long the drain waits before ending what is left. */
  private static final long DRAIN_GRACE_MILLIS = 1_000;
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final Workload workload;
  private final RunSettings settings;
  private final Vertx givenVertx;
  private final ProgressPrinter progress;
  private final OutcomeCounters counters = new OutcomeCounters();
  private final LatencyBook latencies;
  private final Set<Ticket> outstanding = ConcurrentHashMap.newKeySet();
  private final Promise<Void> drained = Promise.promise();
  private Vertx vertx;
  private OpenLoopDispatcher dispatcher;
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile long drainTimer = -1;
  private volatile String deployment;
  // Guarded by this:
  private long issued;
  private long ended;
  private boolean stopped;

  /**
   * @param vertx    the Vert.x to run on, or null to create one with an event loop per available processor (and
   *                 close it at the end)
   * @param progress where to show progress, or null for none
   */
  public LoadRun(Workload workload, RunSettings settings, Vertx vertx, ProgressPrinter progress) {
    this.workload = Objects.requireNonNull(workload, "workload");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.givenVertx = vertx;
    this.progress = progress;
    this.latencies = new LatencyBook(workload.phases());
  }

  /**
   * Runs to the end and returns what was measured; blocks, so never call it on a Vert.x thread. Without a given
   * Vert.x it creates one with an event loop per available processor and closes it afterwards.
   */
  public RunResult run() throws InterruptedException {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("LoadRun.run() blocks; call start() on a Vert.x thread");
    }
    vertx = givenVertx != null ? givenVertx : Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops()));
    try {
      return begin().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the load run failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      if (givenVertx == null) {
        closeOwnVertx();
      }
    }
  }

  /**
   * Closes the Vert.x this run made, waiting a bounded time: the close future's listeners may be lost when the
   * event loop that would run them is already shut down, and the run's figures are final by then anyway.
   */
  private void closeOwnVertx() throws InterruptedException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      // Nothing of the run depends on it; its threads are gone or going.
    }
  }

  /** Starts the run on the given Vert.x; the future completes with the result once every session is closed. */
  public Future<RunResult> start() {
    if (givenVertx == null) {
      throw new IllegalStateException("start() needs a Vert.x instance; run() makes its own");
    }
    vertx = givenVertx;
    return begin();
  }

  private Future<RunResult> begin() {
    return eventLoopContexts(Math.min(settings.sessions(), eventLoops())).compose(this::runOn)
        .compose(result -> vertx.undeploy(deployment).transform(undeployed -> Future.succeededFuture(result)));
  }

  private static int eventLoops() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** One context per event loop, by deploying a do-nothing deployable once per loop. */
  private Future<List<Context>> eventLoopContexts(int count) {
    ConcurrentLinkedQueue<Context> contexts = new ConcurrentLinkedQueue<>();
    return vertx.deployVerticle(() -> context -> {
          contexts.add(context);
          return Future.succeededFuture();
        }, new DeploymentOptions().setInstances(count))
        .map(id -> {
          deployment = id;
          return List.copyOf(contexts);
        });
  }

  private Future<RunResult> runOn(List<Context> contexts) {
    List<SessionSlot> slots = new ArrayList<>();
    for (int i = 0; i < settings.sessions(); i++) {
      slots.add(new SessionSlot(this, i, contexts.get(i % contexts.size())));
    }
    if (settings.openLoop()) {
      dispatcher = new OpenLoopDispatcher(this, contexts.get(0));
    }
    return Future.join(slots.stream().map(SessionSlot::warmUp).toList())
        .transform(warm -> {
          startNanos = System.nanoTime();
          if (progress != null) {
            progress.begin(this);
          }
          if (settings.openLoop()) {
            slots.forEach(SessionSlot::startOpenLoop);
            dispatcher.start(startNanos);
          } else {
            if (settings.duration() != null) {
              vertx.setTimer(Math.max(1, settings.duration().toMillis()), id -> stopIssuing());
            }
            slots.forEach(SessionSlot::startClosedLoop);
          }
          return drained.future();
        })
        .transform(done -> {
          endNanos = System.nanoTime();
          vertx.cancelTimer(drainTimer);
          if (progress != null) {
            progress.end();
          }
          return Future.join(slots.stream().map(SessionSlot::shutdown).toList())
              .timeout(settings.operationTimeout().toMillis() + DRAIN_GRACE_MILLIS, TimeUnit.MILLISECONDS)
              .otherwiseEmpty();
        })
        .map(closed -> result());
  }

  private RunResult result() {
    return new RunResult(settings, workload.operationUnit(), Duration.ofNanos(endNanos - startNanos),
        counters.snapshot(), latencies.totals(), settings.openLoop() ? latencies.startLagTotal() : null);
  }

  // --- issuing and accounting, called from every event loop

  /** The next operation, or null once issuing has stopped (count reached, duration over). */
  Ticket tryIssue(long intendedStartNanos) {
    Ticket ticket;
    boolean justStopped = false;
    synchronized (this) {
      if (stopped) {
        return null;
      }
      ticket = new Ticket(issued++, intendedStartNanos);
      outstanding.add(ticket);
      counters.issued();
      if (settings.operations() > 0 && issued >= settings.operations()) {
        stopped = true;
        justStopped = true;
      }
    }
    if (justStopped) {
      afterStop();
    }
    return ticket;
  }

  /** Accounts for an operation: its outcome, or a connection error when {@code outcome} is null. Once only. */
  void end(Ticket ticket, Outcome outcome) {
    if (!ticket.end()) {
      return;
    }
    if (outcome == null) {
      counters.connectionError();
    } else {
      counters.outcome(outcome);
    }
    outstanding.remove(ticket);
    boolean last;
    synchronized (this) {
      ended++;
      last = stopped && ended == issued;
    }
    if (last) {
      drained.tryComplete();
    }
  }

  /** No more operations: the duration is over. */
  void stopIssuing() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    afterStop();
  }

  /**
   * Called once, when issuing stops: the run is drained when the last operation ends, or at the latest one
   * operation timeout later, when whatever is left ends as timed out.
   */
  private void afterStop() {
    boolean none;
    synchronized (this) {
      none = ended == issued;
    }
    if (none) {
      drained.tryComplete();
      return;
    }
    drainTimer = vertx.setTimer(settings.operationTimeout().toMillis() + DRAIN_GRACE_MILLIS, id -> {
      for (Ticket left : List.copyOf(outstanding)) {
        end(left, null);
      }
    });
  }

  // --- what slots, progress and report read

  RunSettings settings() {
    return settings;
  }

  Workload workload() {
    return workload;
  }

  OpenLoopDispatcher dispatcher() {
    return dispatcher;
  }

  public OutcomeCounters counters() {
    return counters;
  }

  public LatencyBook latencies() {
    return latencies;
  }

  /** Time since the first operation was issued (0 before). */
  public Duration elapsed() {
    long start = startNanos;
    return start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
  }
}
