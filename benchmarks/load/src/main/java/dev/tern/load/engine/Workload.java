package dev.tern.load.engine;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * One protocol's load: how a session is opened against the target, and what one operation on an open session is.
 * The engine decides when operations start (closed or open loop), on how many sessions, and for how long; the
 * workload only speaks the protocol and records its phases.
 */
public interface Workload {

  /** The latency phases this workload records, in the order the report lists them (e.g. connect, greeting, data). */
  List<String> phases();

  /** What one operation is, for the report's rate line: "messages", "sessions", "fetches". */
  String operationUnit();

  /**
   * Opens one session: connects and does the per-session set-up (greeting, EHLO, STARTTLS, AUTH, LOGIN, SELECT...),
   * recording each set-up phase through {@code context}. Called on the event loop that will own the session. Fails
   * when the connection cannot be made or the set-up is refused; the engine counts that as a connection error.
   */
  Future<LoadSession> open(SessionContext context);

  /**
   * What the workload counted beyond outcomes and bytes, read once the run is over, for the summary and the
   * report's "results": fetched messages, size mismatches, a sample of why operations were refused. Values are
   * numbers, strings, or lists of strings; keys are stable (scripts read them from the JSON).
   */
  default Map<String, Object> results() {
    return Map.of();
  }
}
