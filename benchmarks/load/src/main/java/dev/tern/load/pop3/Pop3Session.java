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

  @Override
  public Future<Outcome> run(Operation operation) {
    return new Pop3Download(settings, context, tally).run(client)
        .onFailure(failure -> tally.note(failure.getMessage()));
  }

  @Override
  public boolean reusable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
