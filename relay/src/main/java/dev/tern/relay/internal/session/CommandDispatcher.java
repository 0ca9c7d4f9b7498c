package dev.tern.relay.internal.session;

import dev.tern.relay.internal.codec.CommandLine;
import dev.tern.relay.internal.codec.Reply;
import io.vertx.core.Future;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The one place that knows which verb may run in which {@link SessionState}. */
public final class CommandDispatcher {

  private record Registration(CommandHandler handler, Set<SessionState> allowedIn) {
  }

  private final Map<String, Registration> handlers = new HashMap<>();

  public CommandDispatcher register(String verb, CommandHandler handler, Set<SessionState> allowedIn) {
    handlers.put(verb, new Registration(handler, EnumSet.copyOf(allowedIn)));
    return this;
  }

  public Future<Void> dispatch(SmtpSession session, CommandLine command) {
    Registration registration = handlers.get(command.verb());
    session.services().metrics().command(registration == null ? "UNKNOWN" : command.verb());
    if (registration == null) {
      session.reply(Reply.of(500, "5.5.1", "Command unrecognized"));
      return Future.succeededFuture();
    }
    if (!registration.allowedIn().contains(session.state())) {
      session.reply(Reply.of(503, "5.5.1", "Bad sequence of commands"));
      return Future.succeededFuture();
    }
    return registration.handler().handle(session, command.argument());
  }
}
