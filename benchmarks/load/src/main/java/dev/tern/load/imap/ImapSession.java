package dev.tern.load.imap;

import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.Operation;
import dev.tern.load.engine.Outcome;
import io.vertx.core.Future;

/** One logged-in IMAP connection with its mailbox selected; runs fetch cycles until the server says BYE. */
final class ImapSession implements LoadSession {

  private final ImapConnection imap;
  private final FetchCycle cycle;
  private final ImapTally tally;

  ImapSession(ImapConnection imap, FetchCycle cycle, ImapTally tally) {
    this.imap = imap;
    this.cycle = cycle;
    this.tally = tally;
  }

  @Override
  public Future<Outcome> run(Operation operation) {
    return cycle.run(operation).onFailure(failure -> tally.note(failure.getMessage()));
  }

  @Override
  public boolean reusable() {
    return imap.usable();
  }

  @Override
  public Future<Void> close() {
    return imap.logout();
  }
}
