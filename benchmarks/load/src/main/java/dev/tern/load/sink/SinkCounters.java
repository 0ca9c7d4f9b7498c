package dev.tern.load.sink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live counters every session of a sink adds to, from any event loop. */
final class SinkCounters {

  final LongAdder sessions = new LongAdder();
  final AtomicLong openSessions = new AtomicLong();
  final LongAdder transactions = new LongAdder();
  final AtomicLong messagesAccepted = new AtomicLong();
  final LongAdder temporaryInjected = new LongAdder();
  final LongAdder permanentInjected = new LongAdder();
  final LongAdder recipients = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder fsyncs = new LongAdder();

  final AcceptanceWatch watch = new AcceptanceWatch(messagesAccepted::get);
  private volatile long peakPerSecond;
  private long acceptedAtLastTick;

  /** One more message accepted, with its size. */
  void accepted(long size) {
    bytes.add(size);
    watch.reached(messagesAccepted.incrementAndGet());
  }

  /** Called once a second by one timer: keeps the best per-second count. */
  synchronized void tick() {
    long now = messagesAccepted.get();
    long delta = now - acceptedAtLastTick;
    acceptedAtLastTick = now;
    if (delta > peakPerSecond) {
      peakPerSecond = delta;
    }
  }

  SinkStats snapshot() {
    return new SinkStats(sessions.sum(), openSessions.get(), transactions.sum(), messagesAccepted.get(),
        temporaryInjected.sum(), permanentInjected.sum(), recipients.sum(), bytes.sum(), fsyncs.sum(),
        peakPerSecond);
  }
}
