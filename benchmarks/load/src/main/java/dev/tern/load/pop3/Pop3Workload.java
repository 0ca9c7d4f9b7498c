package dev.tern.load.pop3;

import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.SessionContext;
import dev.tern.load.engine.Workload;
import dev.tern.load.mailbox.SharedNetClient;
import io.vertx.core.Future;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POP3 as mail clients use it: every operation is a whole session (connect, log in, list, retrieve, quit). Opening
 * a session slot costs nothing on the wire; all phases, connect included, are recorded per operation.
 */
public final class Pop3Workload implements Workload {

  private final Pop3Settings settings;
  private final Pop3Tally tally = new Pop3Tally();
  private final SharedNetClient client = new SharedNetClient();

  public Pop3Workload(Pop3Settings settings) {
    this.settings = settings;
  }

  public Pop3Tally tally() {
    return tally;
  }

  @Override
  public List<String> phases() {
    return Pop3Download.PHASES;
  }

  @Override
  public String operationUnit() {
    return "downloads";
  }

  @Override
  public Future<LoadSession> open(SessionContext context) {
    return Future.succeededFuture(new Pop3Session(client.get(context.vertx()), settings, context, tally));
  }

  /** Messages retrieved, size mismatches, and a sample of why sessions were refused or failed. */
  @Override
  public Map<String, Object> results() {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("retrieved", tally.retrieved());
    results.put("mismatches", tally.sizeMismatches());
    results.put("errors", tally.errors().lines());
    return results;
  }
}
