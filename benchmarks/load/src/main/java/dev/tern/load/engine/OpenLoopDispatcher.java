package dev.tern.load.engine;

import io.vertx.core.Context;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The open loop's schedule: operation i is due at t0 + i/rate. Due operations go to idle slots; when none is idle
 * they wait in a FIFO, keeping their due time as intended start, so the wait counts in their latency. An operation
 * that has waited longer than the operation timeout ends as a connection error (timed out) rather than letting a
 * dead target grow the queue without bound.
 */
final class OpenLoopDispatcher {

  private final LoadRun run;
  private final Context context;
  private final double intervalNanos;
  private final long timeoutNanos;
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private final ArrayDeque<SessionSlot> idle = new ArrayDeque<>();
  private long startNanos;
  private long endNanos;
  private boolean bounded;
  private long next;

  OpenLoopDispatcher(LoadRun run, Context context) {
    this.run = run;
    this.context = context;
    this.intervalNanos = run.settings().intervalNanos();
    this.timeoutNanos = run.settings().operationTimeout().toNanos();
  }

  /** Starts the schedule at {@code startNanos}; with a duration, operations due at or after its end are not issued. */
  void start(long startNanos) {
    this.startNanos = startNanos;
    if (run.settings().duration() != null) {
      bounded = true;
      endNanos = startNanos + run.settings().duration().toNanos();
    }
    context.runOnContext(v -> tick());
  }

  private long dueNanos(long index) {
    return startNanos + Math.round(index * intervalNanos);
  }

  /** Issues every operation due by now, expires the ones that waited too long, and sleeps until the next is due. */
  private void tick() {
    long now = System.nanoTime();
    long due = dueNanos(next);
    while (due <= now) {
      if (bounded && due >= endNanos) {
        run.stopIssuing();
        return;
      }
      Ticket ticket = run.tryIssue(due);
      if (ticket == null) {
        return;
      }
      next++;
      offer(ticket);
      due = dueNanos(next);
    }
    expire(now);
    long delayMillis = Math.max(1, (due - now + 999_999) / 1_000_000);
    context.owner().setTimer(delayMillis, id -> tick());
  }

  private void offer(Ticket ticket) {
    SessionSlot slot;
    synchronized (this) {
      slot = idle.poll();
      if (slot == null) {
        waiting.add(ticket);
        return;
      }
    }
    slot.assign(ticket);
  }

  /** A slot with an open session is free: it gets the oldest waiting operation, or waits for the next one due. */
  void idle(SessionSlot slot) {
    Ticket ticket;
    synchronized (this) {
      ticket = waiting.poll();
      if (ticket == null) {
        idle.add(slot);
        return;
      }
    }
    slot.assign(ticket);
  }

  private void expire(long now) {
    List<Ticket> expired = new ArrayList<>();
    synchronized (this) {
      while (!waiting.isEmpty() && now - waiting.peek().intendedStartNanos >= timeoutNanos) {
        expired.add(waiting.poll());
      }
    }
    for (Ticket ticket : expired) {
      run.end(ticket, null);
    }
  }
}
