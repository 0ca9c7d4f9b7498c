package dev.tern.load.mailbox;

import dev.tern.load.engine.Target;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to connect: the server's address, the TLS mode, and how long to wait for the server. The reply
 * timeout bounds the connect, the TLS handshake, and every silence of the server while a reply is due.
 */
public record MailTarget(Target address, TlsMode tls, Duration replyTimeout) {

  public MailTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(tls, "tls");
    if (replyTimeout.isNegative() || replyTimeout.isZero()) {
      throw new IllegalArgumentException("reply timeout must be positive: " + replyTimeout);
    }
  }

  public String host() {
    return address.host();
  }

  public int port() {
    return address.port();
  }

  /** host:port, with an IPv6 address in brackets. */
  @Override
  public String toString() {
    return address.toString();
  }
}
