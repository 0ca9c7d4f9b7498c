package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import dev.tern.delivery.route.smtp.OutboundOptions;
import dev.tern.delivery.route.smtp.SmarthostAuth;
import dev.tern.delivery.route.smtp.TlsPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Opens a ready session to a destination: tries its hosts and their addresses in order, moving on after a
 * connection failure, a timeout, a greeting other than 2xx (421 and 554 included), refused EHLO and HELO, or a
 * TLS requirement that cannot be met. Then EHLO (HELO when EHLO is refused with 5xx), STARTTLS per policy
 * (discarding anything sent before the handshake, then EHLO again), and AUTH for the smarthost. When every
 * address fails, the future fails with the last address's {@link SetupFailure}.
 */
public final class SessionOpener {

  private static final System.Logger LOG = System.getLogger(SessionOpener.class.getName());

  private final Vertx vertx;
  private final NetClient client;
  private final OutboundOptions options;

  public SessionOpener(Vertx vertx, NetClient client, OutboundOptions options) {
    this.vertx = vertx;
    this.client = client;
    this.options = options;
  }

  /** One place to connect to. */
  private record Target(MxHost host, InetAddress address) {}

  /** Called once per TCP connection made (for the opened-connections counter). */
  public interface ConnectListener {
    void connected();
  }

  public Future<SmtpConnection> open(Destination destination, TlsPolicy policy, SmarthostAuth auth,
                                     ConnectListener listener) {
    List<Target> targets = new ArrayList<>();
    for (MxHost host : destination.hosts()) {
      for (InetAddress address : host.addresses()) {
        targets.add(new Target(host, address));
      }
    }
    return tryFrom(targets, 0, policy, auth, listener, null);
  }

  private Future<SmtpConnection> tryFrom(List<Target> targets, int index, TlsPolicy policy, SmarthostAuth auth,
                                         ConnectListener listener, SetupFailure last) {
    if (index >= targets.size()) {
      return Future.failedFuture(last);
    }
    Target target = targets.get(index);
    return attempt(target, policy, auth, true, listener)
        .recover(e -> {
          SetupFailure failure = SetupFailure.of(e);
          if (failure.retryWithoutTls()) {
            LOG.log(System.Logger.Level.INFO, "outbound: TLS handshake with {0} [{1}] failed, retrying without TLS",
                target.host().name(), target.address().getHostAddress());
            return attempt(target, policy, auth, false, listener);
          }
          return Future.failedFuture(failure);
        })
        .recover(e -> {
          SetupFailure failure = SetupFailure.of(e);
          LOG.log(System.Logger.Level.INFO, "outbound: {0} [{1}] unusable: {2}", target.host().name(),
              target.address().getHostAddress(), failure.reply().oneLine());
          return tryFrom(targets, index + 1, policy, auth, listener, failure);
        });
  }

  private Future<SmtpConnection> attempt(Target target, TlsPolicy policy, SmarthostAuth auth, boolean allowTls,
                                         ConnectListener listener) {
    String ip = target.address().getHostAddress();
    String name = target.host().name();
    return client.connect(options.remotePort(), ip)
        .recover(e -> Future.failedFuture(SetupFailure.temporary("4.4.1",
            "connection to " + name + " [" + ip + "]:" + options.remotePort() + " failed: " + e.getMessage())))
        .compose(socket -> {
          listener.connected();
          SmtpConnection connection = new SmtpConnection(vertx, socket, name, ip);
          return handshake(connection, policy, auth, allowTls)
              .recover(e -> connection.quit(options.commandTimeout()).compose(v -> Future.failedFuture(e)));
        });
  }

  private Future<SmtpConnection> handshake(SmtpConnection connection, TlsPolicy policy, SmarthostAuth auth,
                                           boolean allowTls) {
    return connection.read("greeting", options.greetingTimeout())
        .compose(greeting -> {
          if (!greeting.positive()) {
            return Future.failedFuture(new SetupFailure(greeting, greeting.permanentFailure(), false));
          }
          return hello(connection);
        })
        .compose(v -> tls(connection, policy, allowTls))
        .compose(v -> authenticate(connection, auth))
        .map(v -> connection);
  }

  /** EHLO, or HELO when the server does not know EHLO; sets the connection's capabilities. */
  private Future<Void> hello(SmtpConnection connection) {
    return connection.command("EHLO " + options.heloName(), "EHLO", options.commandTimeout())
        .compose(ehlo -> {
          if (ehlo.positive()) {
            connection.capabilities(Capabilities.fromEhlo(ehlo));
            return Future.succeededFuture();
          }
          if (!ehlo.permanentFailure()) {
            return Future.failedFuture(new SetupFailure(ehlo, false, false));
          }
          return connection.command("HELO " + options.heloName(), "HELO", options.commandTimeout())
              .compose(helo -> {
                if (!helo.positive()) {
                  return Future.failedFuture(new SetupFailure(helo, helo.permanentFailure(), false));
                }
                connection.capabilities(Capabilities.NONE);
                return Future.succeededFuture();
              });
        });
  }

  private Future<Void> tls(SmtpConnection connection, TlsPolicy policy, boolean allowTls) {
    boolean wanted = policy != TlsPolicy.OFF && allowTls;
    if (!wanted || !connection.capabilities().startTls()) {
      if (policy == TlsPolicy.REQUIRE) {
        return Future.failedFuture(SetupFailure.temporary("4.7.4",
            "TLS required but " + connection.where() + " does not offer STARTTLS"));
      }
      return Future.succeededFuture();
    }
    return connection.command("STARTTLS", "STARTTLS", options.commandTimeout())
        .compose(reply -> {
          if (reply.code() != 220) {
            if (policy == TlsPolicy.REQUIRE) {
              return Future.failedFuture(SetupFailure.temporary("4.7.4",
                  "TLS required but " + connection.where() + " refused STARTTLS: " + reply.oneLine()));
            }
            return Future.succeededFuture();
          }
          return connection.upgradeToTls(sslOptions(policy), serverName(connection.hostName()))
              .recover(e -> {
                connection.close();
                if (policy == TlsPolicy.REQUIRE) {
                  return Future.failedFuture(SetupFailure.temporary("4.7.5",
                      "TLS handshake with " + connection.where() + " failed: " + e.getMessage()));
                }
                return Future.failedFuture(new SetupFailure(Reply.local(451, "4.7.5 TLS handshake with "
                    + connection.where() + " failed: " + e.getMessage()), false, true));
              })
              .compose(v -> hello(connection));
        });
  }

  private Future<Void> authenticate(SmtpConnection connection, SmarthostAuth auth) {
    if (auth == null || !auth.host().equalsIgnoreCase(connection.hostName())) {
      return Future.succeededFuture();
    }
    if (!connection.tls()) {
      return Future.failedFuture(SetupFailure.temporary("4.7.4",
          "refusing to send credentials to " + connection.where() + " without TLS"));
    }
    Set<String> mechanisms = connection.capabilities().authMechanisms();
    Future<Reply> result;
    if (mechanisms.contains("PLAIN")) {
      String token = base64("\0" + auth.username() + "\0" + auth.password());
      result = connection.command("AUTH PLAIN " + token, "AUTH", options.commandTimeout());
    } else if (mechanisms.contains("LOGIN")) {
      result = connection.command("AUTH LOGIN", "AUTH", options.commandTimeout())
          .compose(r -> r.code() != 334 ? Future.succeededFuture(r)
              : connection.command(base64(auth.username()), "AUTH", options.commandTimeout()))
          .compose(r -> r.code() != 334 ? Future.succeededFuture(r)
              : connection.command(base64(auth.password()), "AUTH", options.commandTimeout()));
    } else {
      return Future.failedFuture(SetupFailure.temporary("4.7.4",
          connection.where() + " offers no AUTH mechanism we support (PLAIN, LOGIN)"));
    }
    // A refused login is a configuration problem on our side: defer rather than bounce everybody's mail.
    return result.compose(reply -> reply.code() == 235 ? Future.succeededFuture()
        : Future.failedFuture(SetupFailure.temporary("4.7.0",
            "authentication to " + connection.where() + " failed: " + reply.oneLine())));
  }

  private ClientSSLOptions sslOptions(TlsPolicy policy) {
    boolean verify = options.verifyCertificates(policy);
    ClientSSLOptions ssl = new ClientSSLOptions()
        .setHostnameVerificationAlgorithm(verify ? "HTTPS" : "")
        .setTrustAll(!verify);
    if (verify && options.trustOptions() != null) {
      ssl.setTrustOptions(options.trustOptions());
    }
    return ssl;
  }

  /** SNI carries host names only, never an address literal. */
  private static String serverName(String host) {
    boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    return literal ? null : host;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
