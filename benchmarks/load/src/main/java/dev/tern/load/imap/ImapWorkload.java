package dev.tern.load.imap;

import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.SessionContext;
import dev.tern.load.engine.Workload;
import dev.tern.load.mailbox.SharedNetClient;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IMAP as a mail client uses it: each session logs in and selects a mailbox once, then every operation is a fetch
 * cycle (envelopes of the newest messages, some whole messages). The set-up phases are recorded per session, the
 * fetch phases per cycle.
 */
public final class ImapWorkload implements Workload {

  static final List<String> PHASES;

  static {
    List<String> phases = new ArrayList<>(ImapLogin.PHASES);
    phases.add(FetchCycle.ENVELOPES);
    phases.add(FetchCycle.BODIES);
    PHASES = List.copyOf(phases);
  }

  private final ImapSettings settings;
  private final ImapTally tally = new ImapTally();
  private final SharedNetClient client = new SharedNetClient();

  public ImapWorkload(ImapSettings settings) {
    this.settings = settings;
  }

  public ImapTally tally() {
    return tally;
  }

  @Override
  public List<String> phases() {
    return PHASES;
  }

  @Override
  public String operationUnit() {
    return "fetches";
  }

  @Override
  public Future<LoadSession> open(SessionContext context) {
    MailboxView mailbox = new MailboxView();
    return ImapLogin.open(client.get(context.vertx()), settings, context, mailbox)
        .<LoadSession>map(imap -> new ImapSession(imap, new FetchCycle(imap, mailbox, settings, context, tally),
            tally))
        .onFailure(failure -> tally.note("session set-up: " + failure.getMessage()));
  }

  /** Envelopes and bodies fetched, and a sample of why operations or set-ups were refused or failed. */
  @Override
  public Map<String, Object> results() {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("envelopes", tally.envelopes());
    results.put("bodies", tally.bodies());
    results.put("errors", tally.errors().lines());
    return results;
  }
}
