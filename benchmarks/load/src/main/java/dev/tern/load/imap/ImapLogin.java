package dev.tern.load.imap;

import dev.tern.load.engine.SessionContext;
import dev.tern.load.mailbox.MailConnection;
import dev.tern.load.mailbox.TlsMode;
import io.vertx.core.Future;
import io.vertx.core.net.NetClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Opens an IMAP session up to a selected mailbox: connect, greeting (OK or PREAUTH; BYE refuses), STARTTLS and a
 * fresh CAPABILITY when asked, LOGIN or AUTHENTICATE PLAIN (with SASL-IR when the server offers it), SELECT. The
 * latencies of greeting, login and select are recorded once the server answered, whatever it answered; connect and
 * starttls (handshake and CAPABILITY included) when they succeeded.
 */
final class ImapLogin {

  static final String CONNECT = "connect";
  static final String GREETING = "greeting";
  static final String STARTTLS = "starttls";
  static final String LOGIN = "login";
  static final String SELECT = "select";
  static final List<String> PHASES = List.of(CONNECT, GREETING, STARTTLS, LOGIN, SELECT);

  private final ImapSettings settings;
  private final SessionContext context;
  private final MailboxView mailbox;
  private final Set<String> capabilities = new HashSet<>();
  private ImapConnection imap;
  private boolean preauthenticated;

  private ImapLogin(ImapSettings settings, SessionContext context, MailboxView mailbox) {
    this.settings = settings;
    this.context = context;
    this.mailbox = mailbox;
  }

  /** Fails with the connection's IOException, or with {@link SetupRefusedException} after closing the connection. */
  static Future<ImapConnection> open(NetClient client, ImapSettings settings, SessionContext context,
                                     MailboxView mailbox) {
    return new ImapLogin(settings, context, mailbox).run(client);
  }

  private Future<ImapConnection> run(NetClient client) {
    return timed(CONNECT, () -> MailConnection.connect(context.vertx(), client, settings.target()))
        .compose(mail -> {
          imap = new ImapConnection(mail);
          imap.sessionListener(mailbox);
          return timed(GREETING, imap::greeting).compose(this::greeted)
              .compose(v -> settings.target().tls() == TlsMode.STARTTLS ? timed(STARTTLS, this::startTls)
                  : Future.succeededFuture())
              .compose(v -> preauthenticated ? Future.succeededFuture()
                  : timed(LOGIN, this::login).compose(reply -> refusedUnlessOk(reply, loginName())))
              .compose(v -> select(imap, settings, context))
              .compose(reply -> refusedUnlessOk(reply, "SELECT " + settings.mailbox()))
              .<ImapConnection>map(v -> imap)
              .recover(failure -> imap.logout().transform(closed -> Future.failedFuture(failure)));
        });
  }

  /** SELECT of the settings' mailbox (also a fetch cycle's re-SELECT), its latency recorded when answered. */
  static Future<ImapResponse> select(ImapConnection imap, ImapSettings settings, SessionContext context) {
    long start = System.nanoTime();
    return imap.command("SELECT " + ImapReplies.quoted(settings.mailbox()), response -> {})
        .andThen(done -> {
          if (done.succeeded()) {
            context.recordPhase(SELECT, System.nanoTime() - start);
          }
        });
  }

  private static Future<Void> refusedUnlessOk(ImapResponse reply, String step) {
    return ImapReplies.ok(reply) ? Future.succeededFuture()
        : Future.failedFuture(new SetupRefusedException(step, reply));
  }

  private String loginName() {
    return settings.saslPlain() ? "AUTHENTICATE PLAIN" : "LOGIN";
  }

  private Future<Void> greeted(ImapResponse greeting) {
    switch (greeting.keyword()) {
      case "OK" -> { }
      case "PREAUTH" -> preauthenticated = true;
      case "BYE" -> {
        return Future.failedFuture(new SetupRefusedException("connection", greeting));
      }
      default -> {
        return Future.failedFuture(new SetupRefusedException("not an IMAP greeting: " + greeting));
      }
    }
    noteCapabilities(greeting);
    if (preauthenticated && settings.target().tls() == TlsMode.STARTTLS) {
      return Future.failedFuture(new SetupRefusedException(
          "the server pre-authenticated the connection, so STARTTLS is no longer possible"));
    }
    return Future.succeededFuture();
  }

  private Future<Void> startTls() {
    return imap.command("STARTTLS", response -> {})
        .compose(reply -> refusedUnlessOk(reply, "STARTTLS"))
        .compose(v -> imap.startTls())
        // What the server announced in plaintext is not to be trusted: ask again.
        .compose(v -> {
          capabilities.clear();
          return imap.command("CAPABILITY", this::noteCapabilities);
        })
        .compose(reply -> refusedUnlessOk(reply, "CAPABILITY"));
  }

  private Future<ImapResponse> login() {
    String user = settings.credentials().user();
    String password = settings.credentials().password();
    if (!settings.saslPlain()) {
      return imap.command("LOGIN " + ImapReplies.quoted(user) + " " + ImapReplies.quoted(password), r -> {});
    }
    String initial = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
        .getBytes(StandardCharsets.UTF_8));
    if (capabilities.contains("SASL-IR")) {
      return imap.command("AUTHENTICATE PLAIN " + initial, r -> {});
    }
    // PLAIN has one challenge; answer a second one with "*", which cancels the exchange (RFC 3501 6.2.2).
    int[] challenges = {0};
    return imap.command("AUTHENTICATE PLAIN", r -> {}, challenge -> challenges[0]++ == 0 ? initial : "*");
  }

  private void noteCapabilities(ImapResponse response) {
    String words;
    if (response.keyword().equals("CAPABILITY")) {
      words = response.text();
    } else if (response.codeName().equals("CAPABILITY")) {
      words = response.code();
    } else {
      return;
    }
    for (String word : words.split(" ")) {
      capabilities.add(word.toUpperCase(Locale.ROOT));
    }
  }

  private <T> Future<T> timed(String phase, Supplier<Future<T>> step) {
    long start = System.nanoTime();
    return step.get().andThen(done -> {
      if (done.succeeded()) {
        context.recordPhase(phase, System.nanoTime() - start);
      }
    });
  }
}
