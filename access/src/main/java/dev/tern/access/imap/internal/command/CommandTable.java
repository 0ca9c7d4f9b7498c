package dev.tern.access.imap.internal.command;

import static dev.tern.access.imap.internal.session.ImapDispatcher.ANY;
import static dev.tern.access.imap.internal.session.ImapDispatcher.AUTHENTICATED;
import static dev.tern.access.imap.internal.session.ImapDispatcher.NOT_AUTHENTICATED;
import static dev.tern.access.imap.internal.session.ImapDispatcher.SELECTED;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommand.Verb;
import dev.tern.access.imap.internal.session.ImapDispatcher;
import dev.tern.access.imap.internal.session.ImapServices;

/** Which handler serves which command in which states (RFC 3501 section 6 and the extensions). */
public final class CommandTable {

  private CommandTable() {
  }

  /** One dispatcher per event loop; handlers that keep state (engines, caches) get the shared services. */
  public static ImapDispatcher create(ImapServices services) {
    return new ImapDispatcher()
        // any state
        .on(Verb.CAPABILITY, ANY, BasicCommands::capability)
        .on(Verb.NOOP, ANY, BasicCommands::noop)
        .on(Verb.LOGOUT, ANY, BasicCommands::logout)
        .on(ImapCommand.Id.class, ANY, BasicCommands::id)
        // not authenticated
        .on(Verb.STARTTLS, NOT_AUTHENTICATED, StartTlsHandler::handle)
        .on(ImapCommand.Login.class, NOT_AUTHENTICATED, LoginHandler::handle)
        .on(ImapCommand.Authenticate.class, NOT_AUTHENTICATED, AuthenticateHandler::handle)
        // authenticated or selected
        .on(ImapCommand.Enable.class, AUTHENTICATED, BasicCommands::enable)
        .on(Verb.NAMESPACE, AUTHENTICATED, BasicCommands::namespace)
        .on(Verb.IDLE, AUTHENTICATED, BasicCommands::idle)
        .on(ImapCommand.Select.class, AUTHENTICATED, SelectHandler::handle)
        .on(ImapCommand.Create.class, AUTHENTICATED, CreateHandler::handle)
        .on(ImapCommand.Delete.class, AUTHENTICATED, DeleteHandler::handle)
        .on(ImapCommand.Rename.class, AUTHENTICATED, RenameHandler::handle)
        .on(ImapCommand.Subscribe.class, AUTHENTICATED, SubscribeHandler::handle)
        .on(ImapCommand.ListMailboxes.class, AUTHENTICATED, ListHandler::handle)
        .on(ImapCommand.Status.class, AUTHENTICATED, StatusHandler::handle)
        .on(ImapCommand.GetQuota.class, AUTHENTICATED, QuotaHandler::getQuota)
        .on(ImapCommand.GetQuotaRoot.class, AUTHENTICATED, QuotaHandler::getQuotaRoot)
        // selected
        .on(Verb.CHECK, SELECTED, BasicCommands::noop)
        .on(Verb.CLOSE, SELECTED, CloseHandler::close)
        .on(Verb.UNSELECT, SELECTED, CloseHandler::unselect)
        .on(Verb.EXPUNGE, SELECTED, ExpungeHandler::expunge)
        .on(ImapCommand.UidExpunge.class, SELECTED, ExpungeHandler::uidExpunge)
        .on(ImapCommand.Store.class, SELECTED, StoreHandler::handle)
        .on(ImapCommand.Copy.class, SELECTED, CopyHandler::handle)
        .on(ImapCommand.Fetch.class, SELECTED, FetchHandler::handle)
        .on(ImapCommand.Search.class, SELECTED, SearchHandler::handle);
  }
}
