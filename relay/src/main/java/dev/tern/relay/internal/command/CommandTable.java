package dev.tern.relay.internal.command;

import dev.tern.relay.internal.session.CommandDispatcher;
import dev.tern.relay.internal.session.SessionState;

import java.util.EnumSet;
import java.util.Set;

import static dev.tern.relay.internal.session.SessionState.BDAT;
import static dev.tern.relay.internal.session.SessionState.CONNECTED;
import static dev.tern.relay.internal.session.SessionState.GREETED;
import static dev.tern.relay.internal.session.SessionState.MAIL;
import static dev.tern.relay.internal.session.SessionState.RCPT;

/** Which verb runs in which state: the whole sequencing rulebook in one table. */
public final class CommandTable {

  private CommandTable() {
  }

  public static CommandDispatcher create() {
    Set<SessionState> anyCommandState = EnumSet.of(CONNECTED, GREETED, MAIL, RCPT, BDAT);
    Set<SessionState> outsideBdat = EnumSet.of(CONNECTED, GREETED, MAIL, RCPT);
    return new CommandDispatcher()
        .register("EHLO", new EhloHandler(true), outsideBdat)
        .register("HELO", new EhloHandler(false), outsideBdat)
        .register("STARTTLS", new StartTlsHandler(), EnumSet.of(GREETED))
        .register("AUTH", new AuthHandler(), EnumSet.of(GREETED))
        .register("MAIL", new MailHandler(), EnumSet.of(GREETED))
        .register("RCPT", new RcptHandler(), EnumSet.of(MAIL, RCPT))
        .register("DATA", new DataHandler(), EnumSet.of(RCPT))
        // BDAT is allowed everywhere so that a misplaced chunk is still read off the wire, then refused.
        .register("BDAT", new BdatHandler(), anyCommandState)
        .register("RSET", new RsetHandler(), anyCommandState)
        .register("NOOP", new NoopHandler(), anyCommandState)
        .register("QUIT", new QuitHandler(), anyCommandState)
        .register("VRFY", new VrfyHandler(), outsideBdat)
        .register("HELP", new HelpHandler(), outsideBdat);
  }
}
