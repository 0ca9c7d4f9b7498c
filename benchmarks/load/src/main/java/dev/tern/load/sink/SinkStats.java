package dev.tern.load.sink;

import io.vertx.core.json.JsonObject;

/**
 * A snapshot of a sink's counters.
 *
 * @param sessions              connections accepted so far
 * @param openSessions          connections open now
 * @param transactions          MAIL commands accepted (transactions started)
 * @param messagesAccepted      messages answered 250 at the end of their data
 * @param temporaryInjected     transactions failed on purpose with 451
 * @param permanentInjected     transactions failed on purpose with 554
 * @param recipients            RCPT commands accepted
 * @param bytes                 octets of the accepted messages, after dot-unstuffing
 * @param fsyncs                fsync calls made by the spool writer (each covers every message written since the
 *                              one before)
 * @param peakMessagesPerSecond the most messages accepted within one whole second of the run
 */
public record SinkStats(long sessions, long openSessions, long transactions, long messagesAccepted,
                        long temporaryInjected, long permanentInjected, long recipients, long bytes, long fsyncs,
                        long peakMessagesPerSecond) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("sessions", sessions)
        .put("transactions", transactions)
        .put("messagesAccepted", messagesAccepted)
        .put("temporaryFailuresInjected", temporaryInjected)
        .put("permanentFailuresInjected", permanentInjected)
        .put("recipients", recipients)
        .put("bytes", bytes)
        .put("fsyncs", fsyncs)
        .put("peakMessagesPerSecond", peakMessagesPerSecond);
  }
}
