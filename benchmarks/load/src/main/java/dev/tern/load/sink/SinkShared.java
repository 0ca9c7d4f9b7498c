package dev.tern.load.sink;

import dev.tern.load.sink.FaultSchedule.Verdict;

/**
 * What every session of one sink shares: its options, its encoded replies, its counters, the fault schedule, and
 * the spool writer and TLS context when those are configured (null otherwise).
 */
record SinkShared(SinkOptions options, Replies replies, SinkCounters counters, FaultSchedule faults,
                  SpoolWriter spool, SinkTls tls) {

  /** Takes the next transaction's verdict from the fault schedule, counting an injected failure. */
  Verdict nextVerdict() {
    Verdict verdict = faults.next();
    if (verdict == Verdict.TEMPORARY) {
      counters.temporaryInjected.increment();
    } else if (verdict == Verdict.PERMANENT) {
      counters.permanentInjected.increment();
    }
    return verdict;
  }
}
