package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** EHLO and HELO: resets the session and, for EHLO, lists the extensions this session may use. */
final class EhloHandler implements CommandHandler {

  /** Names go into the Received header, so only hostname and address-literal characters pass. */
  private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,255}");

  private final boolean extended;

  EhloHandler(boolean extended) {
    this.extended = extended;
  }

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    if (!CLIENT_NAME.matcher(argument).matches()) {
      session.reply(Reply.plain(501, "Syntax: " + (extended ? "EHLO" : "HELO") + " hostname"));
      return Future.succeededFuture();
    }
    session.greeted(argument, extended);
    String hostname = session.services().options().hostname();
    String first = hostname + " Hello " + argument + " [" + session.clientIp() + "]";
    if (!extended) {
      session.reply(Reply.plain(250, first));
      return Future.succeededFuture();
    }
    List<String> lines = new ArrayList<>();
    lines.add(first);
    lines.add("PIPELINING");
    lines.add("SIZE " + session.services().options().maxMessageSize());
    lines.add("8BITMIME");
    lines.add("BINARYMIME");
    lines.add("CHUNKING");
    lines.add("SMTPUTF8");
    lines.add("ENHANCEDSTATUSCODES");
    if (session.services().tlsConfigured() && !session.tls()) {
      lines.add("STARTTLS");
    }
    if (session.tls() && session.authenticatedUser() == null) {
      lines.add("AUTH PLAIN LOGIN");
    }
    session.reply(new Reply(250, null, lines));
    return Future.succeededFuture();
  }
}
