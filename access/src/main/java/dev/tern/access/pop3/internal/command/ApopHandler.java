package dev.tern.access.pop3.internal.command;

import dev.tern.access.RecipientResolution;
import dev.tern.access.address.MailAddress;
import dev.tern.access.pop3.internal.codec.ApopDigest;
import dev.tern.access.pop3.internal.codec.Pop3Command;
import dev.tern.access.pop3.internal.session.CommandHandler;
import dev.tern.access.pop3.internal.session.LoginMethod;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * APOP (RFC 1939 section 7), only when enabled: the digest of the greeting's timestamp and the user's
 * shared secret. A user without a secret fails exactly like a wrong digest. The digest never carries the
 * secret, so APOP is allowed on insecure connections. The maildrop is the account the name itself denotes
 * (an alias or a bare local part does not log in by APOP).
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
      Optional<byte[]> secret = ar.result();
      if (secret.isEmpty() || !ApopDigest.matches(timestamp, secret.get(), apop.digest())) {
        return Login.failed(session, apop.name(), METHOD);
      }
      return openAccount(session, apop.name());
    });
  }

  private static Future<Void> openAccount(Pop3Session session, String name) {
    Optional<String> address = MailAddress.tryParse(name).map(MailAddress::toString);
    if (address.isEmpty()) {
      return Login.failed(session, name, METHOD);
    }
    String account = address.get();
    return session.onContext(session.services().accounts().resolve(account)).transform(ar -> {
      if (ar.failed()) {
        return Login.storeTrouble(session, METHOD, ar.cause(), "authentication temporarily unavailable");
      }
      RecipientResolution resolution = ar.result();
      boolean isAccount = resolution.kind() == RecipientResolution.Kind.LOCAL
          && resolution.mailboxes().equals(List.of(account)) && resolution.forwards().isEmpty();
      return isAccount ? Login.open(session, account, METHOD) : Login.failed(session, name, METHOD);
    });
  }
}
