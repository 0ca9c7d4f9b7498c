package dev.tern.load.imap;

import dev.tern.load.engine.LatencyBook;
import dev.tern.load.engine.OutcomeCounters;
import dev.tern.load.engine.RunResult;
import dev.tern.load.engine.RunSettings;
import dev.tern.load.engine.SessionContext;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * IMAP's idle mode: how many idle connections a server holds. Opens N connections (at an open rate, or all at once)
 * spread over the event loops; each logs in, selects and starts IDLE. Once every connection idles or has failed to,
 * all are held for the hold time, then each sends DONE and logs out. What counts is how many reached IDLE, how many
 * failed to open and how many the server dropped while they were held; latencies are those of the set-up phases,
 * the "+" that acknowledges IDLE, and (as "operation") the whole way from a connection's scheduled start to that "+".
 */
public final class IdleHold {

  static final String IDLE_ACK = "idle-ack";
  static final String OPERATION = LatencyBook.OPERATION;
  static final List<String> PHASES;
  private static final long CLOSE_WAIT_SECONDS = 10;

  static {
    List<String> phases = new ArrayList<>(ImapLogin.PHASES);
    phases.add(IDLE_ACK);
    PHASES = List.copyOf(phases);
  }

  private final ImapSettings settings;
  private final RunSettings run;
  private final LatencyBook latencies = new LatencyBook(PHASES);
  private final IdleTally tally = new IdleTally();
  private volatile long startNanos;
  private volatile long holdEndNanos;

  /**
   * @param run its sessions are the connections, its rate the open rate (0: all at once), its duration the hold
   *            time, its operation timeout the limit for the final DONE and LOGOUT
   */
  public IdleHold(ImapSettings settings, RunSettings run) {
    if (run.duration() == null) {
      throw new IllegalArgumentException("an idle hold needs a hold time");
    }
    this.settings = settings;
    this.run = run;
  }

  /** Runs to the end on a Vert.x of its own; blocks, so never call it on a Vert.x thread. */
  public RunResult run() throws InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    try {
      return start(vertx).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the idle hold failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      // Bounded, as LoadRun does: the figures are final, and the close future's listeners may never run.
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Its threads are gone or going; nothing depends on them any more.
      }
    }
  }

  /** Opens, holds and ends every connection; the result's outcomes: ok = still idling when the hold ended. */
  public Future<RunResult> start(Vertx vertx) {
    NetClient client = vertx.createNetClient();
    return eventLoopContexts(vertx, Math.min(run.sessions(), Runtime.getRuntime().availableProcessors()))
        .compose(loops -> {
          List<Context> contexts = loops.contexts();
          startNanos = System.nanoTime();
          List<Slot> slots = new ArrayList<>();
          List<Future<Void>> opened = new ArrayList<>();
          for (int i = 0; i < run.sessions(); i++) {
            Slot slot = new Slot(contexts.get(i % contexts.size()), i);
            slots.add(slot);
            opened.add(openOnSchedule(slot, client));
          }
          return Future.join(opened).transform(all -> hold(vertx)).transform(held -> endAll(slots))
              .eventually(client::close).eventually(() -> vertx.undeploy(loops.deployment()));
        })
        .map(done -> result());
  }

  IdleTally tally() {
    return tally;
  }

  int connections() {
    return run.sessions();
  }

  /** Time since the first connection was due (0 before). */
  Duration elapsed() {
    long start = startNanos;
    return start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
  }

  /** Time left in the hold, or null while connections are still opening. */
  Duration holdLeft() {
    long end = holdEndNanos;
    return end == 0 ? null : Duration.ofNanos(Math.max(0, end - System.nanoTime()));
  }

  /** For the report: what a run of this kind counts beyond the outcomes. */
  public Map<String, Object> results() {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("reachedIdle", tally.reachedIdle());
    results.put("failedToOpen", tally.failedToOpen());
    results.put("dropped", tally.dropped());
    results.put("errors", tally.errors().lines());
    return results;
  }

  private Future<Void> openOnSchedule(Slot slot, NetClient client) {
    long scheduled = run.openLoop() ? startNanos + Math.round(slot.index * 1e9 / run.ratePerSecond()) : startNanos;
    Promise<Void> opened = Promise.promise();
    slot.context.runOnContext(v -> {
      long delayMillis = TimeUnit.NANOSECONDS.toMillis(scheduled - System.nanoTime());
      if (delayMillis < 1) {
        slot.connection.open(client, scheduled).onComplete(opened);
      } else {
        slot.context.owner().setTimer(delayMillis, id -> slot.connection.open(client, scheduled).onComplete(opened));
      }
    });
    return opened.future();
  }

  private Future<Void> hold(Vertx vertx) {
    holdEndNanos = System.nanoTime() + run.duration().toNanos();
    if (tally.idling() == 0) {
      holdEndNanos = System.nanoTime();
      return Future.succeededFuture();
    }
    Promise<Void> held = Promise.promise();
    vertx.setTimer(Math.max(1, run.duration().toMillis()), id -> held.complete());
    return held.future();
  }

  /** DONE and LOGOUT on every connection, each on its own event loop. */
  private Future<Void> endAll(List<Slot> slots) {
    List<Future<Void>> ended = new ArrayList<>();
    for (Slot slot : slots) {
      Promise<Void> done = Promise.promise();
      slot.context.runOnContext(v -> slot.connection.end().onComplete(done));
      ended.add(done.future());
    }
    return Future.join(ended).<Void>mapEmpty()
        .timeout(run.operationTimeout().toMillis(), TimeUnit.MILLISECONDS).otherwiseEmpty();
  }

  private RunResult result() {
    long idling = tally.idling();
    OutcomeCounters.Counts counts = new OutcomeCounters.Counts(run.sessions(), idling, 0, 0,
        run.sessions() - idling, 0);
    return new RunResult(run, "connections", Duration.ofNanos(System.nanoTime() - startNanos), counts,
        latencies.totals(), null);
  }

  /** The event loops' contexts, and the deployment that made them (undeployed at the end). */
  private record EventLoops(String deployment, List<Context> contexts) {}

  /** One context per event loop, by deploying a do-nothing deployable once per loop. */
  private static Future<EventLoops> eventLoopContexts(Vertx vertx, int count) {
    ConcurrentLinkedQueue<Context> contexts = new ConcurrentLinkedQueue<>();
    return vertx.deployVerticle(() -> context -> {
          contexts.add(context);
          return Future.succeededFuture();
        }, new DeploymentOptions().setInstances(count))
        .map(id -> new EventLoops(id, List.copyOf(contexts)));
  }

  /** One connection, the event loop it lives on, and what it records into: this hold's latencies. */
  private final class Slot implements SessionContext {

    private final Context context;
    private final int index;
    private final IdleConnection connection;

    Slot(Context context, int index) {
      this.context = context;
      this.index = index;
      this.connection = new IdleConnection(settings, this, tally);
    }

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
      latencies.recordPhase(phase, nanos);
    }

    @Override
    public void addBytes(long bytes) {
      // An idle connection moves no payload.
    }
  }
}
