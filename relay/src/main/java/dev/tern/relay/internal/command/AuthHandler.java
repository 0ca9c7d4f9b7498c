package dev.tern.relay.internal.command;

import dev.tern.relay.internal.codec.Reply;
import dev.tern.relay.internal.codec.SaslCodec;
import dev.tern.relay.internal.session.CommandHandler;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * AUTH PLAIN and LOGIN (RFC 4954), with or without an initial response; only over TLS. Failed
 * attempts are counted per IP; past the limit the IP is told to go away.
 */
final class AuthHandler implements CommandHandler {

  private static final System.Logger LOG = System.getLogger(AuthHandler.class.getName());

  @Override
  public Future<Void> handle(SmtpSession session, String argument) {
    if (!session.tls()) {
      session.reply(Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
      return Future.succeededFuture();
    }
    if (session.authenticatedUser() != null) {
      session.reply(Reply.of(503, "5.5.1", "Already authenticated"));
      return Future.succeededFuture();
    }
    if (session.services().authThrottle().isBlocked(session.clientIp())) {
      tooManyFailures(session);
      return Future.succeededFuture();
    }
    String[] words = argument.split(" ");
    String mechanism = words[0].toUpperCase(Locale.ROOT);
    String initial = words.length > 1 ? words[1] : null;
    if (words.length > 2) {
      session.reply(Reply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]"));
      return Future.succeededFuture();
    }
    switch (mechanism) {
      case "PLAIN" -> {
        return initial != null ? plain(session, initial) : challenge(session, "", line -> plain(session, line));
      }
      case "LOGIN" -> {
        Function<String, Future<Void>> askPassword = user -> challenge(session, "Password:",
            pass -> withDecoded(session, pass, password -> check(session, user, password)));
        if (initial != null) {
          return withDecoded(session, initial, askPassword);
        }
        return challenge(session, "Username:", line -> withDecoded(session, line, askPassword));
      }
      default -> {
        session.reply(Reply.of(504, "5.5.4", "Unrecognized authentication mechanism"));
        return Future.succeededFuture();
      }
    }
  }

  /** Sends a 334 challenge and hands the client's next line to {@code next}. */
  private static Future<Void> challenge(SmtpSession session, String prompt, Function<String, Future<Void>> next) {
    session.writeUncounted(Reply.plain(334, SaslCodec.encode(prompt)));
    session.expectLine(line -> line.equals("*") ? cancelled(session) : next.apply(line));
    return Future.succeededFuture();
  }

  private static Future<Void> cancelled(SmtpSession session) {
    session.reply(Reply.of(501, "5.7.0", "Authentication cancelled"));
    return Future.succeededFuture();
  }

  /** Decodes a LOGIN step (username or password) and continues. */
  private static Future<Void> withDecoded(SmtpSession session, String encoded, Function<String, Future<Void>> next) {
    if (encoded.equals("*")) {
      return cancelled(session);
    }
    String decoded = SaslCodec.decode(encoded);
    if (decoded == null) {
      session.reply(Reply.of(501, "5.5.2", "Invalid base64 data"));
      return Future.succeededFuture();
    }
    return next.apply(decoded);
  }

  private static Future<Void> plain(SmtpSession session, String encoded) {
    if (encoded.equals("*")) {
      return cancelled(session);
    }
    String decoded = SaslCodec.decode(encoded);
    SaslCodec.PlainCredentials credentials = decoded == null ? null : SaslCodec.parsePlain(decoded);
    if (credentials == null) {
      session.reply(Reply.of(501, "5.5.2", "Invalid PLAIN response"));
      return Future.succeededFuture();
    }
    if (!credentials.authorizationId().isEmpty() && !credentials.authorizationId().equals(credentials.username())) {
      return failed(session, credentials.username());
    }
    return check(session, credentials.username(), credentials.password());
  }

  private static Future<Void> check(SmtpSession session, String user, String password) {
    return session.onContext(session.services().accounts().authenticate(user, password))
        .map(account -> {
          handleResult(session, user, account);
          return (Void) null;
        })
        .recover(err -> {
          LOG.log(Level.WARNING, "smtp {0}: authentication backend failed: {1}", session.clientIp(), err.toString());
          session.writeUncounted(Reply.of(454, "4.7.0", "Temporary authentication failure"));
          return Future.succeededFuture();
        });
  }

  private static void handleResult(SmtpSession session, String user, Optional<String> account) {
    if (account.isPresent()) {
      session.authenticated(account.get());
      LOG.log(Level.INFO, "smtp {0}: authenticated as {1}", session.clientIp(), account.get());
      session.writeUncounted(Reply.of(235, "2.7.0", "Authentication successful"));
      return;
    }
    failed(session, user);
  }

  private static Future<Void> failed(SmtpSession session, String user) {
    LOG.log(Level.INFO, "smtp {0}: authentication failed for {1}", session.clientIp(), user);
    session.services().metrics().reject("auth_failed");
    if (session.services().authThrottle().recordFailure(session.clientIp())) {
      tooManyFailures(session);
    } else {
      session.reply(Reply.of(535, "5.7.8", "Authentication credentials invalid"));
    }
    return Future.succeededFuture();
  }

  private static void tooManyFailures(SmtpSession session) {
    LOG.log(Level.INFO, "smtp {0}: too many authentication failures", session.clientIp());
    session.closeWith(Reply.of(421, "4.7.0", "Too many authentication failures, try later"));
  }
}
