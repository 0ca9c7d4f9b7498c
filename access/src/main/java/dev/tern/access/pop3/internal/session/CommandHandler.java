package dev.tern.access.pop3.internal.session;

import dev.tern.access.pop3.internal.codec.Pop3Command;
import io.vertx.core.Future;

/** Carries out one verb. The session reads no further input until the returned future completes. */
@FunctionalInterface
public interface CommandHandler {

  /** @param command a command of the verb this handler was registered for, allowed in the current state */
  Future<Void> handle(Pop3Session session, Pop3Command command);
}
