package dev.tern.load.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * An in-memory workload for the engine's tests: sessions open (or fail to) and run operations after a delay,
 * answering what the test says, and check that the engine keeps each session on the event loop that opened it.
 */
final class FakeWorkload implements Workload {

  /** What the test wants for operation {@code index}: an outcome, or a failure (connection error), or a hang. */
  enum Answer { OK, TEMPORARY, PERMANENT, BREAK, HANG }

  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger failedOpens = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  final AtomicInteger threadViolations = new AtomicInteger();
  final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();
  final Set<String> openThreads = ConcurrentHashMap.newKeySet();
  private volatile boolean openFails;
  private volatile long runDelayMillis;
  private volatile int operationsPerSession;
  private volatile LongFunction<Answer> answers = index -> Answer.OK;
  private volatile long idleLifeMillis;

  FakeWorkload failingOpens() {
    openFails = true;
    return this;
  }

  FakeWorkload delay(long millis) {
    runDelayMillis = millis;
    return this;
  }

  /** Sessions stop being reusable after this many operations (like --per-connection). */
  FakeWorkload perSession(int count) {
    operationsPerSession = count;
    return this;
  }

  /** Sessions break this long after each operation, as when a server closes idle connections. */
  FakeWorkload idleLife(long millis) {
    idleLifeMillis = millis;
    return this;
  }

  FakeWorkload answers(LongFunction<Answer> answers) {
    this.answers = answers;
    return this;
  }

  @Override
  public List<String> phases() {
    return List.of("connect", "work");
  }

  @Override
  public String operationUnit() {
    return "things";
  }

  @Override
  public Future<LoadSession> open(SessionContext context) {
    if (!Context.isOnEventLoopThread()) {
      threadViolations.incrementAndGet();
    }
    openThreads.add(Thread.currentThread().getName());
    if (openFails) {
      failedOpens.incrementAndGet();
      return Future.failedFuture("connection refused (fake)");
    }
    opens.incrementAndGet();
    context.recordPhase("connect", 1_000);
    return Future.succeededFuture(new FakeSession(context, Thread.currentThread()));
  }

  private final class FakeSession implements LoadSession {
    private final SessionContext context;
    private final Thread owner;
    private int done;
    private boolean broken;

    FakeSession(SessionContext context, Thread owner) {
      this.context = context;
      this.owner = owner;
    }

    @Override
    public Future<Outcome> run(Operation operation) {
      if (broken) {
        return Future.failedFuture("ran on a broken session");
      }
      if (Thread.currentThread() != owner) {
        threadViolations.incrementAndGet();
      }
      operations.add(operation);
      Answer answer = answers.apply(operation.index());
      Promise<Outcome> result = Promise.promise();
      Runnable finish = () -> {
        done++;
        context.recordPhase("work", System.nanoTime() - operation.intendedStartNanos());
        context.addBytes(100);
        if (idleLifeMillis > 0) {
          context.vertx().setTimer(idleLifeMillis, id -> broken = true);
        }
        switch (answer) {
          case OK -> result.complete(Outcome.OK);
          case TEMPORARY -> result.complete(Outcome.TEMPORARY);
          case PERMANENT -> result.complete(Outcome.PERMANENT);
          case BREAK -> {
            broken = true;
            result.fail("connection reset (fake)");
          }
          case HANG -> { }
        }
      };
      Vertx vertx = context.vertx();
      if (runDelayMillis > 0) {
        vertx.setTimer(runDelayMillis, id -> finish.run());
      } else {
        finish.run();
      }
      return result.future();
    }

    @Override
    public boolean reusable() {
      return !broken && (operationsPerSession == 0 || done < operationsPerSession);
    }

    @Override
    public Future<Void> close() {
      closes.incrementAndGet();
      return Future.succeededFuture();
    }
  }
}
