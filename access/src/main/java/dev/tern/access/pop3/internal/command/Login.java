package dev.tern.access.pop3.internal.command;

import dev.tern.access.pop3.internal.codec.Pop3Response;
import dev.tern.access.pop3.internal.codec.ResponseCode;
import dev.tern.access.pop3.internal.session.LoginMethod;
import dev.tern.access.pop3.internal.session.Maildrop;
import dev.tern.access.pop3.internal.session.MaildropLocks;
import dev.tern.access.pop3.internal.session.Pop3Metrics.LoginResult;
import dev.tern.access.pop3.internal.session.Pop3Services;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * What USER/PASS, APOP and AUTH PLAIN share: the per-IP throttle checked before any credential, the
 * accounting of failures, and on success the maildrop lock and the INBOX snapshot that starts TRANSACTION.
 */
final class Login {

  private static final System.Logger LOG = System.getLogger(Login.class.getName());

  private Login() {
  }

  /** True, with the client answered, when its address has used up its failed logins for now. */
  static boolean throttled(Pop3Session session, String user, LoginMethod method) {
    if (!session.services().authThrottle().isBlocked(session.clientIp())) {
      return false;
    }
    LOG.log(Level.INFO, "pop3 {0}: {1} login for {2} refused: too many failures from this address",
        session.clientIp(), method, user);
    session.services().metrics().login(method, LoginResult.THROTTLED);
    session.authenticationFailed(Pop3Response.err(ResponseCode.SYS_TEMP, "too many failures, try later"));
    return true;
  }

  /** Checks a password against the account store and, when it matches, opens the maildrop. */
  static Future<Void> withPassword(Pop3Session session, String user, String password, LoginMethod method) {
    if (throttled(session, user, method)) {
      return Future.succeededFuture();
    }
    return session.onContext(session.services().accounts().authenticate(user, password)).transform(ar -> {
      if (ar.failed()) {
        return storeTrouble(session, method, ar.cause(), "authentication temporarily unavailable");
      }
      Optional<String> account = ar.result();
      return account.isPresent() ? open(session, account.get(), method) : failed(session, user, method);
    });
  }

  /** A refused credential: counted for the session and the client's address. */
  static Future<Void> failed(Pop3Session session, String user, LoginMethod method) {
    LOG.log(Level.INFO, "pop3 {0}: {1} login failed for {2}", session.clientIp(), method, user);
    session.services().metrics().login(method, LoginResult.FAILED);
    session.services().authThrottle().recordFailure(session.clientIp());
    session.authenticationFailed(Pop3Response.err(ResponseCode.AUTH, "invalid user name or password"));
    return Future.succeededFuture();
  }

  /** The account or mailbox store failed: the client may try again later with the same credentials. */
  static Future<Void> storeTrouble(Pop3Session session, LoginMethod method, Throwable failure, String reply) {
    LOG.log(Level.WARNING, "pop3 {0}: {1} login failed on the store: {2}", session.clientIp(), method,
        failure.toString());
    session.services().metrics().login(method, LoginResult.ERROR);
    session.reply(Pop3Response.err(ResponseCode.SYS_TEMP, reply));
    return Future.succeededFuture();
  }

  /** Locks the account's maildrop and snapshots INBOX; the session then enters TRANSACTION. */
  static Future<Void> open(Pop3Session session, String account, LoginMethod method) {
    if (session.closed()) {
      return Future.succeededFuture();
    }
    Pop3Services services = session.services();
    Optional<MaildropLocks.Lock> lock = services.locks().tryLock(services.mailboxes(), account);
    if (lock.isEmpty()) {
      LOG.log(Level.INFO, "pop3 {0}: {1} login for {2} refused: maildrop in use", session.clientIp(), method, account);
      services.metrics().login(method, LoginResult.IN_USE);
      session.reply(Pop3Response.err(ResponseCode.IN_USE, "maildrop already locked by another session"));
      return Future.succeededFuture();
    }
    MaildropLocks.Lock held = lock.get();
    return session.onContext(services.mailboxes().snapshot(account, Pop3Services.INBOX)).transform(ar -> {
      if (session.closed() || ar.failed()) {
        held.release();
        return session.closed() ? Future.succeededFuture()
            : storeTrouble(session, method, ar.cause(), "maildrop unavailable, try later");
      }
      enter(session, held, new Maildrop(account, ar.result()), method);
      return Future.succeededFuture();
    });
  }

  private static void enter(Pop3Session session, MaildropLocks.Lock held, Maildrop drop, LoginMethod method) {
    session.enterTransaction(held, drop);
    session.services().metrics().login(method, LoginResult.OK);
    LOG.log(Level.INFO, "pop3 {0}: {1} login {2}, {3} messages", session.clientIp(), method, drop.account(),
        String.valueOf(drop.count()));
    session.reply(Pop3Response.ok("maildrop has " + drop.count() + " messages (" + drop.octets() + " octets)"));
  }

  /** The refusal of a password login on a connection where passwords may not travel in the clear. */
  static void refusePlaintext(Pop3Session session) {
    String hint = session.services().tlsConfigured() ? ", use STLS" : "";
    session.error(ResponseCode.AUTH, "plaintext authentication disallowed on insecure connections" + hint);
  }
}
