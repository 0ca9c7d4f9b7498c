package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Verb;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Pop3Dispatcher;

import java.util.EnumMap;
import java.util.Map;

/** Which handler serves which verb. The handlers are stateless, so one table serves every session. */
public final class CommandTable {

  private CommandTable() {
  }

  public static Pop3Dispatcher create() {
    Map<Pop3Verb, CommandHandler> handlers = new EnumMap<>(Pop3Verb.class);
    handlers.put(Pop3Verb.USER, new UserHandler());
    handlers.put(Pop3Verb.PASS, new PassHandler());
    handlers.put(Pop3Verb.APOP, new ApopHandler());
    handlers.put(Pop3Verb.AUTH, new AuthHandler());
    handlers.put(Pop3Verb.CAPA, new CapaHandler());
    handlers.put(Pop3Verb.STLS, new StlsHandler());
    handlers.put(Pop3Verb.STAT, new StatHandler());
    handlers.put(Pop3Verb.LIST, new ListHandler());
    handlers.put(Pop3Verb.UIDL, new UidlHandler());
    RetrHandler retr = new RetrHandler();
    handlers.put(Pop3Verb.RETR, retr);
    handlers.put(Pop3Verb.TOP, retr);
    handlers.put(Pop3Verb.DELE, new DeleHandler());
    handlers.put(Pop3Verb.RSET, new RsetHandler());
    handlers.put(Pop3Verb.NOOP, new NoopHandler());
    handlers.put(Pop3Verb.QUIT, new QuitHandler());
    return new Pop3Dispatcher(handlers);
  }
}
