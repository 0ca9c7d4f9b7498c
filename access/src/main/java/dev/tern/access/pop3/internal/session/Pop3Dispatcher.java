package dev.tern.access.pop3.internal.session;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Verb;
import io.vertx.core.Future;

import java.util.EnumMap;
import java.util.Map;

/** Checks that a verb is allowed in the session's state, then hands the command to that verb's handler. */
public final class Pop3Dispatcher {

  private final Map<Pop3Verb, CommandHandler> handlers;

  public Pop3Dispatcher(Map<Pop3Verb, CommandHandler> handlers) {
    this.handlers = new EnumMap<>(handlers);
    for (Pop3Verb verb : Pop3Verb.values()) {
      if (!this.handlers.containsKey(verb)) {
        throw new IllegalArgumentException("no handler for " + verb);
      }
    }
  }

  public Future<Void> dispatch(Pop3Session session, Pop3Command command) {
    session.services().metrics().command(command.verb());
    if (!session.state().allows(command.verb())) {
      session.error(command.verb() + " is not valid in the " + session.state() + " state");
      return Future.succeededFuture();
    }
    return handlers.get(command.verb()).handle(session, command);
  }
}
