package dev.tern.delivery.route.smtp;

/** How the client uses STARTTLS towards a destination. */
public enum TlsPolicy {
  /** STARTTLS must be offered and succeed, otherwise the delivery is deferred (4.7.x). */
  REQUIRE,
  /** STARTTLS when offered; plaintext when not offered or when the handshake fails on a fresh connection. */
  OPPORTUNISTIC,
  /** Never STARTTLS. */
  OFF
}
