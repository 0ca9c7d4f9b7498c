package dev.tern.access.imap.internal.command;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapCommandLine;
import dev.tern.access.imap.internal.session.Completion;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.net.PlainCredentials;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * AUTHENTICATE (RFC 3501 section 6.2.2) with the PLAIN mechanism (RFC 4616), the initial response on the
 * command line (SASL-IR, RFC 4959) or after an empty "+" challenge; "*" cancels.
 */
final class AuthenticateHandler {

  private AuthenticateHandler() {
  }

  static Future<Completion> handle(ImapSession session, String tag, ImapCommand.Authenticate command) {
    if (!command.mechanism().equals("PLAIN")) {
      return Future.succeededFuture(Completion.no("unsupported authentication mechanism"));
    }
    if (!session.plaintextLoginAllowed()) {
      return Future.succeededFuture(Login.privacyRequired(session));
    }
    if (command.initialResponse().isPresent()) {
      return check(session, command.initialResponse().get());
    }
    return session.nextLine("").transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(Completion.bad("unacceptable authentication response"));
      }
      return check(session, text(ar.result()));
    });
  }

  private static Future<Completion> check(ImapSession session, String response) {
    if (response.equals("*")) {
      return Future.succeededFuture(Completion.bad("AUTHENTICATE cancelled"));
    }
    byte[] message;
    try {
      message = response.equals("=") ? new byte[0] : Base64.getDecoder().decode(response);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Completion.bad("authentication response is not base64"));
    }
    Optional<PlainCredentials> credentials = PlainCredentials.parse(message);
    if (credentials.isEmpty()) {
      return Future.succeededFuture(session.authenticationFailed(
          Completion.bad("malformed PLAIN authentication message")));
    }
    return Login.withPassword(session, credentials.get().username(), credentials.get().password(), "plain");
  }

  private static String text(ImapCommandLine line) {
    return line.segments().get(0).toString(StandardCharsets.US_ASCII).trim();
  }
}
