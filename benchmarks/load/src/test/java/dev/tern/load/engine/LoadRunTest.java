package dev.tern.load.engine;

import dev.tern.load.engine.FakeWorkload.Answer;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class LoadRunTest {

  private static RunResult run(FakeWorkload workload, RunSettings settings) throws InterruptedException {
    return new LoadRun(workload, settings, null, null).run();
  }

  private static RunSettings settings(int sessions, long operations, Duration duration, double rate, long timeoutMs) {
    return new RunSettings(sessions, operations, duration, rate, Duration.ofMillis(timeoutMs), Duration.ofSeconds(5));
  }

  private static void assertEveryIndexOnce(FakeWorkload workload, long count) {
    List<Long> indexes = workload.operations.stream().map(Operation::index).sorted().toList();
    assertEquals(LongStream.range(0, count).boxed().toList(), indexes);
  }

  @Test
  void closedLoopRunsExactlyTheOperationsAskedFor() throws Exception {
    FakeWorkload workload = new FakeWorkload();
    RunResult result = run(workload, settings(4, 400, null, 0, 5_000));

    assertEquals(new OutcomeCounters.Counts(400, 400, 0, 0, 0, 40_000), result.counts());
    assertEquals(400, result.phases().get(LatencyBook.OPERATION).getTotalCount());
    assertEquals(400, result.phases().get("work").getTotalCount());
    assertEquals(4, result.phases().get("connect").getTotalCount());
    assertEveryIndexOnce(workload, 400);
    assertEquals(4, workload.opens.get());
    assertEquals(4, workload.closes.get(), "every session closed at the end");
    assertEquals(0, workload.threadViolations.get());
    assertNull(result.startLag());
    assertEquals(List.of("connect", "work", "operation"), List.copyOf(result.phases().keySet()));
  }

  @Test
  void outcomesAreCountedByClass() throws Exception {
    FakeWorkload workload = new FakeWorkload().answers(i -> i % 10 == 3 ? Answer.TEMPORARY
        : i % 10 == 7 ? Answer.PERMANENT : Answer.OK);
    RunResult result = run(workload, settings(3, 100, null, 0, 5_000));

    assertEquals(100, result.counts().issued());
    assertEquals(80, result.counts().ok());
    assertEquals(10, result.counts().temporary());
    assertEquals(10, result.counts().permanent());
    assertEquals(100, result.phases().get(LatencyBook.OPERATION).getTotalCount());
  }

  @Test
  void openLoopRunsEveryDueOperationAndBillsTheWaitToTheServer() throws Exception {
    // One session, an operation due every 5 ms, each taking 30 ms: operation i cannot end before
    // t0 + 30 ms * (i + 1), and was due at t0 + 5 ms * i, so its latency is at least 30 + 25 * i ms.
    FakeWorkload workload = new FakeWorkload().delay(30);
    RunResult result = run(workload, settings(1, 40, null, 200, 30_000));

    assertEquals(new OutcomeCounters.Counts(40, 40, 0, 0, 0, 4_000), result.counts());
    Histogram operation = result.phases().get(LatencyBook.OPERATION);
    assertEquals(40, operation.getTotalCount());
    assertTrue(operation.getMaxValue() >= 1_005_000, "last operation waited its turn: " + operation.getMaxValue());
    assertTrue(operation.getCountBetweenValues(505_000, operation.getMaxValue()) >= 21,
        "operations 19..39 each waited at least 505 ms");
    assertEveryIndexOnce(workload, 40);
    long first = workload.operations.stream().filter(op -> op.index() == 0).findFirst().orElseThrow()
        .intendedStartNanos();
    for (Operation op : workload.operations) {
      assertEquals(first + Math.round(op.index() * 5_000_000.0), op.intendedStartNanos(),
          "operation " + op.index() + " is due on the schedule");
    }
    assertEquals(40, result.startLag().getTotalCount());
    assertTrue(result.startLag().getMaxValue() >= 975_000, "operation 39 started at least 975 ms late");
  }

  @Test
  void openLoopWithADurationIssuesWhatIsDueWithinIt() throws Exception {
    FakeWorkload workload = new FakeWorkload();
    RunResult result = run(workload, settings(2, 0, Duration.ofMillis(200), 100, 5_000));

    // Due at 0, 10, ..., 190 ms.
    assertEquals(20, result.counts().issued());
    assertEquals(20, result.counts().ok());
    assertEveryIndexOnce(workload, 20);
  }

  @Test
  void closedLoopWithADurationStopsAndAccountsForEverything() throws Exception {
    FakeWorkload workload = new FakeWorkload().delay(5);
    RunResult result = run(workload, settings(2, 0, Duration.ofMillis(300), 0, 5_000));

    assertTrue(result.counts().issued() > 0);
    assertEquals(result.counts().issued(), result.counts().ok());
    assertEveryIndexOnce(workload, result.counts().issued());
    assertEquals(2, workload.closes.get());
  }

  @Test
  void aTargetThatRefusesEveryConnectionCostsOneConnectionErrorPerOperation() throws Exception {
    FakeWorkload workload = new FakeWorkload().failingOpens();
    RunResult result = run(workload, settings(2, 6, null, 0, 5_000));

    assertEquals(new OutcomeCounters.Counts(6, 0, 0, 0, 6, 0), result.counts());
    assertEquals(2 + 6, workload.failedOpens.get(), "a warm-up attempt per slot, then one per operation");
    assertEquals(0, result.phases().get(LatencyBook.OPERATION).getTotalCount());
  }

  @Test
  void openLoopAgainstADeadTargetTimesOperationsOutAndEnds() throws Exception {
    FakeWorkload workload = new FakeWorkload().failingOpens();
    RunResult result = run(workload, settings(2, 5, null, 50, 300));

    assertEquals(new OutcomeCounters.Counts(5, 0, 0, 0, 5, 0), result.counts());
  }

  @Test
  void aBrokenSessionIsAConnectionErrorAndIsReplaced() throws Exception {
    FakeWorkload workload = new FakeWorkload().answers(i -> i == 3 || i == 11 ? Answer.BREAK : Answer.OK);
    RunResult result = run(workload, settings(1, 20, null, 0, 5_000));

    assertEquals(new OutcomeCounters.Counts(20, 18, 0, 0, 2, 2_000), result.counts());
    assertEquals(3, workload.opens.get(), "the first session and one per break");
    assertEquals(3, workload.closes.get());
    assertEquals(18, result.phases().get(LatencyBook.OPERATION).getTotalCount());
  }

  @Test
  void anOperationThatNeverEndsTimesOutAsAConnectionError() throws Exception {
    FakeWorkload workload = new FakeWorkload().answers(i -> i == 2 ? Answer.HANG : Answer.OK);
    RunResult result = run(workload, settings(2, 10, null, 0, 200));

    assertEquals(10, result.counts().issued());
    assertEquals(9, result.counts().ok());
    assertEquals(1, result.counts().connectionErrors());
    assertEquals(workload.opens.get(), workload.closes.get());
  }

  @Test
  void sessionsThatAreNoLongerReusableAreReopenedWithoutErrors() throws Exception {
    FakeWorkload workload = new FakeWorkload().perSession(3);
    RunResult closed = run(workload, settings(2, 20, null, 0, 5_000));

    assertEquals(new OutcomeCounters.Counts(20, 20, 0, 0, 0, 2_000), closed.counts());
    assertTrue(workload.opens.get() >= 7, "20 operations, at most 3 per session: " + workload.opens.get());
    assertEquals(workload.opens.get(), workload.closes.get());

    FakeWorkload open = new FakeWorkload().perSession(2);
    RunResult result = run(open, settings(2, 12, null, 400, 5_000));
    assertEquals(new OutcomeCounters.Counts(12, 12, 0, 0, 0, 1_200), result.counts());
    assertTrue(open.opens.get() >= 6, "12 operations, at most 2 per session: " + open.opens.get());
    assertEquals(open.opens.get(), open.closes.get());
  }

  @Test
  void openLoopReplacesSessionsThatBrokeWhileIdle() throws Exception {
    // An operation every 40 ms on one session that the "server" closes 5 ms after each operation.
    FakeWorkload workload = new FakeWorkload().idleLife(5);
    RunResult result = run(workload, settings(1, 8, null, 25, 5_000));

    assertEquals(new OutcomeCounters.Counts(8, 8, 0, 0, 0, 800), result.counts());
    assertTrue(workload.opens.get() >= 2, "broken sessions were replaced: " + workload.opens.get());
    assertEquals(workload.opens.get(), workload.closes.get());
  }

  @Test
  void runsOnAGivenVertxAndLeavesItOpen() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      FakeWorkload workload = new FakeWorkload();
      RunResult result = new LoadRun(workload, settings(3, 30, null, 0, 5_000), vertx, null).start()
          .toCompletionStage().toCompletableFuture().get();
      assertEquals(30, result.counts().ok());
      assertEquals(3, workload.closes.get());
      assertEquals(30, new LoadRun(new FakeWorkload(), settings(3, 30, null, 0, 5_000), vertx, null).run()
          .counts().ok(), "still usable");
    } finally {
      vertx.close();
    }
  }

  @Test
  void slotsAreSpreadOverEventLoops() throws Exception {
    FakeWorkload workload = new FakeWorkload();
    run(workload, settings(8, 16, null, 0, 5_000));
    int loops = Math.min(8, Runtime.getRuntime().availableProcessors());
    assertEquals(loops, workload.openThreads.size(), String.join(", ", workload.openThreads));
  }
}
