package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapResponseCode;
import dev.tern.access.imap.internal.session.Capabilities;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;

/**
 * What LOGIN and AUTHENTICATE PLAIN share: the refusal on connections where passwords may not travel, the
 * per-IP throttle checked before any credential, the accounting of failures, and the state change on success.
 */
final class Login {

  private static final System.Logger LOG = System.getLogger(Login.class.getName());

  private Login() {
  }

  /** RFC 3501 6.2.3 / RFC 5530: no password over an unprotected connection (LOGINDISABLED is advertised). */
  static Completion privacyRequired(ImapSession session) {
    String hint = session.services().tlsConfigured() ? ", use STARTTLS" : "";
    return Completion.no(ImapResponseCode.PRIVACYREQUIRED, "plaintext authentication disallowed here" + hint);
  }

  static Future<Completion> withPassword(ImapSession session, String user, String password, String method) {
    if (session.services().authThrottle().isBlocked(session.clientIp())) {
      LOG.log(Level.INFO, "imap {0}: {1} for {2} refused: too many failures from this address", session.clientIp(),
          method, user);
      session.services().metrics().login(method, "throttled");
      return Future.succeededFuture(session.authenticationFailed(
          Completion.no(ImapResponseCode.UNAVAILABLE, "too many failures, try later")));
    }
    return session.onContext(session.services().accounts().authenticate(user, password)).transform(ar -> {
      if (ar.failed()) {
        LOG.log(Level.WARNING, "imap {0}: {1} failed on the account store: {2}", session.clientIp(), method,
            ar.cause().toString());
        session.services().metrics().login(method, "error");
        return Future.succeededFuture(Completion.no(ImapResponseCode.UNAVAILABLE,
            "authentication temporarily unavailable"));
      }
      if (ar.result().isEmpty()) {
        LOG.log(Level.INFO, "imap {0}: {1} failed for {2}", session.clientIp(), method, user);
        session.services().metrics().login(method, "failed");
        session.services().authThrottle().recordFailure(session.clientIp());
        return Future.succeededFuture(session.authenticationFailed(
            Completion.no(ImapResponseCode.AUTHENTICATIONFAILED, "invalid user name or password")));
      }
      String account = ar.result().get();
      session.authenticated(account);
      session.services().metrics().login(method, "ok");
      LOG.log(Level.INFO, "imap {0}: {1} as {2}{3}", session.clientIp(), method, account,
          session.tls() ? " (TLS)" : "");
      return Future.succeededFuture(Completion.ok(ImapResponseCode.capability(Capabilities.of(session)),
          "logged in"));
    });
  }
}
