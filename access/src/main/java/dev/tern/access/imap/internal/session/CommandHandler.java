package dev.tern.access.imap.internal.session;

import dev.tern.access.imap.internal.codec.ImapCommand;
import io.vertx.core.Future;

/**
 * Carries out one kind of command. It may write untagged responses through the session while it runs; the
 * session reads no further command until the returned completion is there, then writes the tagged response.
 * A failed future is answered as a server-side failure ({@code NO [SERVERBUG]}), never left unanswered.
 */
@FunctionalInterface
public interface CommandHandler<C extends ImapCommand> {

  /** @param command a command of the type this handler was registered for, allowed in the current state */
  Future<Completion> handle(ImapSession session, String tag, C command);
}
