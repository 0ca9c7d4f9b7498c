package dev.tern.load.pop3;

import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.Operation;
import dev.tern.load.engine.Outcome;
import dev.tern.load.engine.SessionContext;
import io.vertx.core.Future;
import io.vertx.core.net.NetClient;

/**
 * A session slot of a POP3 load. POP3 clients connect, download and leave, so each operation opens and closes a
 * connection of its own: the slot holds no connection between operations and stays reusable.
 */
final class Pop3Session implements LoadSession {

  private final NetClient client;
  private final Pop3Settings settings;
  private final SessionContext context;
  private final Pop3Tally tally;

  Pop3Session(NetClient client, Pop3Settings settings, SessionContext context, Pop3Tally tally) {
    this.client = client;
    this.settings = settings;
    this.context = context;
    this.tally = tally;
  }

  private Pop3Download current;

  @Override
  public Future<Outcome> run(Operation operation) {
    Pop3Download download = new Pop3Download(settings, context, tally);
    current = download;
    return download.run(client).onFailure(failure -> tally.note(failure.getMessage()))
        .andThen(done -> current = null);
  }

  @Override
  public boolean reusable() {
    return true;
  }

  /** Between operations there is nothing to close; during one (the engine gave up on it) its connection goes. */
  @Override
  public Future<Void> close() {
    Pop3Download running = current;
    current = null;
    return running == null ? Future.succeededFuture() : running.abort();
  }
}
