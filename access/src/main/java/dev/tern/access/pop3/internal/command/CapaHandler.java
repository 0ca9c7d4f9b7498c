package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Capabilities;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.Pop3Session;
import dev.tern.access.pop3.internal.session.Pop3State;
import io.vertx.core.Future;

import java.util.List;

/**
 * CAPA (RFC 2449): what works now. STLS only before login on a plaintext connection with TLS configured;
 * USER and SASL PLAIN only before login and where passwords may be sent.
 */
final class CapaHandler implements CommandHandler {

  private static final String IMPLEMENTATION = "Tern";

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    boolean beforeLogin = session.state() == Pop3State.AUTHORIZATION;
    boolean stls = beforeLogin && !session.tls() && session.services().tlsConfigured();
    boolean passwords = beforeLogin && session.plaintextLoginAllowed();
    List<String> sasl = beforeLogin ? AuthHandler.mechanisms(session) : List.of();
    session.reply(new Pop3Capabilities(stls, passwords, sasl, true, IMPLEMENTATION).response());
    return Future.succeededFuture();
  }
}
