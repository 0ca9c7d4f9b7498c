package dev.tern.load.sink;

/**
 * What every session of one sink shares: its options, its encoded replies, its counters, the fault schedule, and
 * the spool writer and TLS context when those are configured (null otherwise).
 */
record SinkShared(SinkOptions options, Replies replies, SinkCounters counters, FaultSchedule faults,
                  SpoolWriter spool, SinkTls tls) {}
