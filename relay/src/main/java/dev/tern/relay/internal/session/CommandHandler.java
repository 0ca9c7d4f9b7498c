package dev.tern.relay.internal.session;

import io.vertx.core.Future;

/**
 * Handles one verb. Writes its own replies; returns a future that completes when the session may read
 * the next command (already complete for synchronous handlers).
 */
@FunctionalInterface
public interface CommandHandler {

  Future<Void> handle(SmtpSession session, String argument);
}
