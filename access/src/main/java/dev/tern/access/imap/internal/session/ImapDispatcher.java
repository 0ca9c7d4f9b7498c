package dev.tern.access.imap.internal.session;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommand.Verb;
import io.vertx.core.Future;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a command is allowed in the session's state (RFC 3501 section 6), then hands it to the handler
 * registered for its type (commands without arguments: for their verb).
 */
public final class ImapDispatcher {

  /** The states in which a command may run. */
  public static final Set<ImapState> ANY = EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED,
      ImapState.SELECTED);
  public static final Set<ImapState> NOT_AUTHENTICATED = EnumSet.of(ImapState.NOT_AUTHENTICATED);
  public static final Set<ImapState> AUTHENTICATED = EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
  public static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

  private record Entry(Set<ImapState> states, CommandHandler<ImapCommand> handler) {
  }

  private final Map<Class<?>, Entry> byType = new HashMap<>();
  private final Map<Verb, Entry> byVerb = new EnumMap<>(Verb.class);

  @SuppressWarnings("unchecked")
  public <C extends ImapCommand> ImapDispatcher on(Class<C> type, Set<ImapState> states, CommandHandler<C> handler) {
    if (type == ImapCommand.Simple.class) {
      throw new IllegalArgumentException("register commands without arguments by verb");
    }
    byType.put(type, new Entry(states, (CommandHandler<ImapCommand>) (CommandHandler<?>) handler));
    return this;
  }

  @SuppressWarnings("unchecked")
  public ImapDispatcher on(Verb verb, Set<ImapState> states, CommandHandler<ImapCommand.Simple> handler) {
    byVerb.put(verb, new Entry(states, (CommandHandler<ImapCommand>) (CommandHandler<?>) handler));
    return this;
  }

  /**
   * Fails when a command type or verb has no handler, so a gap shows at start-up, not in a session. APPEND is
   * the exception: the session takes it while its message literal is still arriving (AppendReceiver).
   */
  public ImapDispatcher checkComplete() {
    for (Verb verb : Verb.values()) {
      if (!byVerb.containsKey(verb)) {
        throw new IllegalStateException("no handler for " + verb);
      }
    }
    for (Class<?> type : ImapCommand.class.getPermittedSubclasses()) {
      if (type != ImapCommand.Simple.class && type != ImapCommand.Append.class && !byType.containsKey(type)) {
        throw new IllegalStateException("no handler for " + type.getSimpleName());
      }
    }
    return this;
  }

  public Future<Completion> dispatch(ImapSession session, String tag, ImapCommand command) {
    String name = name(command);
    session.services().metrics().command(name);
    Entry entry = command instanceof ImapCommand.Simple simple ? byVerb.get(simple.verb()) : byType.get(command.getClass());
    if (entry == null) {
      return Future.succeededFuture(Completion.bad(name + " is not supported"));
    }
    if (!entry.states().contains(session.state())) {
      return Future.succeededFuture(Completion.bad(name + " is not valid " + why(entry.states(), session.state())));
    }
    return entry.handler().handle(session, tag, command);
  }

  /**
   * RFC 3501 section 7.4.1: no EXPUNGE response while answering FETCH, STORE or SEARCH, whose client may be
   * using message numbers; their UID forms may see them.
   */
  public static boolean allowsExpungeResponses(ImapCommand command) {
    if (command instanceof ImapCommand.Fetch fetch) {
      return fetch.byUid();
    }
    if (command instanceof ImapCommand.Store store) {
      return store.byUid();
    }
    if (command instanceof ImapCommand.Search search) {
      return search.byUid();
    }
    return true;
  }

  /** The command's IMAP name (for logs, metrics and error texts). */
  public static String name(ImapCommand command) {
    if (command instanceof ImapCommand.Simple simple) {
      return simple.verb().name();
    }
    if (command instanceof ImapCommand.Select select) {
      return select.readOnly() ? "EXAMINE" : "SELECT";
    }
    if (command instanceof ImapCommand.Subscribe subscribe) {
      return subscribe.subscribe() ? "SUBSCRIBE" : "UNSUBSCRIBE";
    }
    if (command instanceof ImapCommand.ListMailboxes list) {
      return list.lsub() ? "LSUB" : "LIST";
    }
    if (command instanceof ImapCommand.Copy copy) {
      return (copy.byUid() ? "UID " : "") + (copy.move() ? "MOVE" : "COPY");
    }
    if (command instanceof ImapCommand.Fetch fetch) {
      return fetch.byUid() ? "UID FETCH" : "FETCH";
    }
    if (command instanceof ImapCommand.Store store) {
      return store.byUid() ? "UID STORE" : "STORE";
    }
    if (command instanceof ImapCommand.Search search) {
      return search.byUid() ? "UID SEARCH" : "SEARCH";
    }
    if (command instanceof ImapCommand.UidExpunge) {
      return "UID EXPUNGE";
    }
    return command.getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }

  /** Why a command cannot run now, from what it needs rather than where the session is. */
  private static String why(Set<ImapState> needed, ImapState current) {
    if (current == ImapState.NOT_AUTHENTICATED) {
      return "before authentication";
    }
    if (!needed.contains(ImapState.AUTHENTICATED) && !needed.contains(ImapState.SELECTED)) {
      return "after authentication";
    }
    return "without a selected mailbox";
  }
}
