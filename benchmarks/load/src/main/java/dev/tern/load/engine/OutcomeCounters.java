package dev.tern.load.engine;

import java.util.concurrent.atomic.LongAdder;

/** How many operations were issued and how each ended; bumped from every event loop, read by progress and report. */
public final class OutcomeCounters {

  private final LongAdder issued = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder temporary = new LongAdder();
  private final LongAdder permanent = new LongAdder();
  private final LongAdder connectionErrors = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  void issued() {
    issued.increment();
  }

  void outcome(Outcome outcome) {
    switch (outcome) {
      case OK -> ok.increment();
      case TEMPORARY -> temporary.increment();
      case PERMANENT -> permanent.increment();
    }
  }

  void connectionError() {
    connectionErrors.increment();
  }

  void addBytes(long count) {
    bytes.add(count);
  }

  /**
   * The counts now. Read while operations run, the figures are each exact but not taken at one instant; after the
   * run they are final.
   */
  public Counts snapshot() {
    return new Counts(issued.sum(), ok.sum(), temporary.sum(), permanent.sum(), connectionErrors.sum(), bytes.sum());
  }

  /**
   * @param issued           operations handed out
   * @param ok               answered 2xx / OK / +OK
   * @param temporary        answered 4xx (or the protocol's try-again)
   * @param permanent        answered 5xx / NO / BAD / -ERR
   * @param connectionErrors no answer: the session could not be opened, broke, or the operation timed out
   * @param bytes            payload bytes moved
   */
  public record Counts(long issued, long ok, long temporary, long permanent, long connectionErrors, long bytes) {

    /** Operations that have ended one way or another. */
    public long done() {
      return ok + temporary + permanent + connectionErrors;
    }

    /** Whether every issued operation was accepted. */
    public boolean allAccepted() {
      return ok == issued;
    }
  }
}
