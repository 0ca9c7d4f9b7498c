package dev.tern.access.pop3.internal.command;

import dev.tern.access.net.PlainCredentials;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.codec.SaslResponse;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.LoginMethod;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * AUTH (RFC 5034) with the PLAIN mechanism (RFC 4616), with or without an initial response; "*" cancels.
 * AUTH alone lists the mechanisms usable now. PLAIN carries the password, so it follows the plaintext
 * login policy like USER/PASS.
 */
final class AuthHandler implements CommandHandler {

  private static final String PLAIN = "PLAIN";
  private static final LoginMethod METHOD = LoginMethod.AUTH_PLAIN;

  /** The mechanisms the session may use now. */
  static List<String> mechanisms(Pop3Session session) {
    return session.plaintextLoginAllowed() ? List.of(PLAIN) : List.of();
  }

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    if (!(command instanceof Pop3Command.Auth auth)) {
      session.reply(Pop3Response.multiLine("SASL mechanisms follow", mechanisms(session)));
      return Future.succeededFuture();
    }
    if (!auth.mechanism().equals(PLAIN)) {
      session.error("unsupported SASL mechanism");
    } else if (!session.plaintextLoginAllowed()) {
      Login.refusePlaintext(session);
    } else if (auth.initialResponse().isPresent()) {
      return respond(session, SaslResponse.decode(auth.initialResponse().get()));
    } else {
      session.challenge(new byte[0], line -> respond(session, SaslResponse.parse(line, SaslResponse.DEFAULT_MAX_LINE)));
    }
    return Future.succeededFuture();
  }

  private static Future<Void> respond(Pop3Session session, SaslResponse response) {
    if (response instanceof SaslResponse.Cancelled) {
      session.reply(Pop3Response.err("authentication cancelled"));
      return Future.succeededFuture();
    }
    if (response instanceof SaslResponse.Refused refused) {
      session.error(refused.reason());
      return Future.succeededFuture();
    }
    SaslResponse.Data data = (SaslResponse.Data) response;
    Optional<PlainCredentials> credentials = PlainCredentials.parse(data.bytes());
    data.wipe();
    if (credentials.isEmpty()) {
      session.error("malformed PLAIN response");
      return Future.succeededFuture();
    }
    return Login.withPassword(session, credentials.get().username(), credentials.get().password(), METHOD);
  }
}
