package dev.tern.load.mailbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to connect: host and port, the TLS mode, and how long to wait for the server. The reply timeout
 * bounds the connect, the TLS handshake, and every silence of the server while a reply is due.
 */
public record MailTarget(String host, int port, TlsMode tls, Duration replyTimeout) {

  public MailTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (replyTimeout.isNegative() || replyTimeout.isZero()) {
      throw new IllegalArgumentException("reply timeout must be positive: " + replyTimeout);
    }
  }

  /** host:port, with an IPv6 address in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
