package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapResponseBuilder;
import dev.tern.access.imap.internal.session.Capabilities;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The commands that only talk about the session: CAPABILITY, NOOP, CHECK, LOGOUT, NAMESPACE, ID, ENABLE, IDLE. */
final class BasicCommands {

  private static final System.Logger LOG = System.getLogger(BasicCommands.class.getName());

  private BasicCommands() {
  }

  static Future<Completion> capability(ImapSession session, String tag, ImapCommand.Simple command) {
    ImapResponseBuilder line = ImapResponseBuilder.untagged().atom("CAPABILITY");
    Capabilities.of(session).forEach(line::atom);
    session.send(line.build());
    return done("CAPABILITY completed");
  }

  /** NOOP and CHECK (RFC 3501 6.4.1: nothing to do, every change is already on disk); updates follow. */
  static Future<Completion> noop(ImapSession session, String tag, ImapCommand.Simple command) {
    return done(command.verb().name() + " completed");
  }

  static Future<Completion> logout(ImapSession session, String tag, ImapCommand.Simple command) {
    session.logout();
    return done("LOGOUT completed");
  }

  /** RFC 2342: one personal namespace, no prefix, "." as delimiter; no shared or other users' namespaces. */
  static Future<Completion> namespace(ImapSession session, String tag, ImapCommand.Simple command) {
    session.send(ImapResponseBuilder.untagged().atom("NAMESPACE ((\"\" \".\")) NIL NIL").build());
    return done("NAMESPACE completed");
  }

  /** RFC 2971: the client's fields are logged (they help when a client misbehaves), ours are sent back. */
  static Future<Completion> id(ImapSession session, String tag, ImapCommand.Id command) {
    if (!command.fields().isEmpty()) {
      LOG.log(Level.INFO, "imap {0}: client id {1}", session.clientIp(), printable(command.fields()));
    }
    session.send(ImapResponseBuilder.untagged().atom("ID").open().string("name").string("Tern")
        .string("vendor").string("dev.tern").close().build());
    return done("ID completed");
  }

  /** RFC 5161: CONDSTORE can be enabled; anything else is silently not enabled, as the RFC asks. */
  static Future<Completion> enable(ImapSession session, String tag, ImapCommand.Enable command) {
    List<String> enabled = new ArrayList<>();
    for (String capability : command.capabilities()) {
      if (capability.equals("CONDSTORE") && !session.enabled(ImapSession.Extension.CONDSTORE)) {
        session.enable(ImapSession.Extension.CONDSTORE);
        enabled.add(capability);
      }
    }
    ImapResponseBuilder line = ImapResponseBuilder.untagged().atom("ENABLED");
    enabled.forEach(line::atom);
    session.send(line.build());
    return done("ENABLE completed");
  }

  static Future<Completion> idle(ImapSession session, String tag, ImapCommand.Simple command) {
    return session.idle();
  }

  private static Future<Completion> done(String text) {
    return Future.succeededFuture(Completion.ok(text));
  }

  /** Client-supplied text for a log line: bounded, no control characters. */
  private static String printable(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach((key, value) -> out.append(key).append('=').append(value).append(' '));
    String text = out.toString().trim().replaceAll("\\p{Cntrl}", "?");
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
