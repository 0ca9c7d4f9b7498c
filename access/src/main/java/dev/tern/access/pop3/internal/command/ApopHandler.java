package dev.tern.access.pop3.internal.command;

import dev.tern.access.ApopSecret;
import dev.tern.access.pop3.internal.codec.ApopDigest;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.LoginMethod;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * APOP (RFC 1939 section 7), only when enabled: the digest of the greeting's timestamp and the user's
 * shared secret. A user without a secret fails exactly like a wrong digest. The digest never carries the
 * secret, so APOP is allowed on insecure connections. The maildrop is the account the login name denotes, as
 * for USER/PASS (a bare local part means the default domain).
 */
final class ApopHandler implements CommandHandler {

  private static final LoginMethod METHOD = LoginMethod.APOP;

  @Override
  public Future<Void> handle(Pop3Session session, Pop3Command command) {
    String timestamp = session.apopTimestamp();
    if (timestamp == null) {
      session.error("APOP is not available");
      return Future.succeededFuture();
    }
    Pop3Command.Apop apop = (Pop3Command.Apop) command;
    if (Login.throttled(session, apop.name(), METHOD)) {
      return Future.succeededFuture();
    }
    return session.onContext(session.services().accounts().apopSecret(apop.name())).transform(ar -> {
      if (ar.failed()) {
        return Login.storeTrouble(session, METHOD, ar.cause(), "authentication temporarily unavailable");
      }
      Optional<ApopSecret> secret = ar.result();
      if (secret.isEmpty() || !ApopDigest.matches(timestamp, secret.get().secret(), apop.digest())) {
        return Login.failed(session, apop.name(), METHOD);
      }
      return Login.open(session, secret.get().account(), METHOD);
    });
  }
}
