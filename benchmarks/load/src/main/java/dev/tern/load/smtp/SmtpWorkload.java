package dev.tern.load.smtp;

import dev.tern.load.engine.Credentials;
import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.SessionContext;
import dev.tern.load.engine.Workload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * SMTP load: a session is a connection past greeting, EHLO (HELO when EHLO is refused), STARTTLS and AUTH PLAIN as
 * configured; an operation is one mail transaction ({@link SmtpSession}).
 */
public final class SmtpWorkload implements Workload {

  static final List<String> PHASES =
      List.of("connect", "greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "eod");

  private final SmtpLoadConfig config;
  private final long timeoutMillis;
  private Vertx clientVertx;
  private NetClient client;

  public SmtpWorkload(SmtpLoadConfig config) {
    this.config = config;
    this.timeoutMillis = Math.max(1, config.replyTimeout().toMillis());
  }

  @Override
  public List<String> phases() {
    return PHASES;
  }

  @Override
  public String operationUnit() {
    return "messages";
  }

  /** One client for all sessions (its TLS context is built once); connections use the caller's event loop. */
  private synchronized NetClient client(Vertx vertx) {
    if (client == null || clientVertx != vertx) {
      NetClientOptions options = new NetClientOptions()
          .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
          .setTcpNoDelay(true)
          .setTrustAll(true)
          .setHostnameVerificationAlgorithm("")
          .setSsl(config.tls() == SmtpLoadConfig.Tls.IMPLICIT);
      client = vertx.createNetClient(options);
      clientVertx = vertx;
    }
    return client;
  }

  @Override
  public Future<LoadSession> open(SessionContext context) {
    Vertx vertx = context.vertx();
    long start = System.nanoTime();
    return client(vertx).connect(config.target().port(), config.target().host())
        .compose(socket -> {
          context.recordPhase("connect", System.nanoTime() - start);
          SmtpConnection connection = new SmtpConnection(vertx, socket, timeoutMillis);
          return setUp(context, connection)
              .<LoadSession>map(capabilities -> new SmtpSession(context, connection, capabilities, config))
              .onFailure(e -> connection.close());
        });
  }

  private Future<Capabilities> setUp(SessionContext context, SmtpConnection connection) {
    long greetingStart = System.nanoTime();
    return connection.expect()
        .compose(greeting -> {
          context.recordPhase("greeting", System.nanoTime() - greetingStart);
          return greeting.code() == 220 ? ehlo(context, connection) : refused("greeting", greeting);
        })
        .compose(capabilities -> config.tls() == SmtpLoadConfig.Tls.STARTTLS
            ? startTls(context, connection, capabilities) : Future.succeededFuture(capabilities))
        .compose(capabilities -> config.credentials() == null ? Future.succeededFuture(capabilities)
            : authenticate(context, connection, capabilities).map(capabilities));
  }

  private Future<Capabilities> ehlo(SessionContext context, SmtpConnection connection) {
    long start = System.nanoTime();
    return connection.command("EHLO " + config.ehloName()).compose(reply -> {
      if (reply.positive()) {
        context.recordPhase("ehlo", System.nanoTime() - start);
        return Future.succeededFuture(Capabilities.fromEhlo(reply));
      }
      if (reply.code() / 100 != 5) {
        return refused("EHLO", reply);
      }
      return connection.command("HELO " + config.ehloName()).compose(helo -> {
        context.recordPhase("ehlo", System.nanoTime() - start);
        return helo.positive() ? Future.succeededFuture(Capabilities.NONE) : refused("HELO", helo);
      });
    });
  }

  private Future<Capabilities> startTls(SessionContext context, SmtpConnection connection, Capabilities offered) {
    if (!offered.startTls()) {
      return Future.failedFuture(new SmtpProtocolException("the server does not offer STARTTLS"));
    }
    long start = System.nanoTime();
    return connection.command("STARTTLS")
        .compose(reply -> reply.code() == 220 ? connection.upgradeToTls() : refused("STARTTLS", reply))
        .compose(upgraded -> {
          context.recordPhase("starttls", System.nanoTime() - start);
          return ehlo(context, connection);
        });
  }

  private Future<Void> authenticate(SessionContext context, SmtpConnection connection, Capabilities offered) {
    if (!offered.auth("PLAIN")) {
      return Future.failedFuture(new SmtpProtocolException("the server does not offer AUTH PLAIN"
          + (config.tls() == SmtpLoadConfig.Tls.NONE ? " (without TLS; try --tls)" : "")));
    }
    Credentials credentials = config.credentials();
    String response = Base64.getEncoder().encodeToString(("\0" + credentials.user() + "\0" + credentials.password())
        .getBytes(StandardCharsets.UTF_8));
    long start = System.nanoTime();
    return connection.command("AUTH PLAIN " + response)
        .compose(reply -> reply.code() == 334 ? connection.command(response) : Future.succeededFuture(reply))
        .compose(reply -> {
          if (reply.code() != 235) {
            return refused("AUTH PLAIN", reply);
          }
          context.recordPhase("auth", System.nanoTime() - start);
          return Future.succeededFuture();
        });
  }

  private static <T> Future<T> refused(String step, SmtpReply reply) {
    return Future.failedFuture(new SmtpProtocolException(step + " refused: " + reply));
  }
}
