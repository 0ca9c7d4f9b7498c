package dev.tern.relay.internal.session;

import dev.tern.access.AccountStore;
import dev.tern.access.net.TlsUpgrader;
import dev.tern.delivery.Spool;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.access.net.AuthThrottle;
import dev.tern.access.net.ConnectionLimiter;
import dev.tern.relay.internal.policy.RelayPolicy;
import io.vertx.core.Vertx;

/** Everything a session needs that is shared by the whole server (thread-safe or immutable). */
public record RelayServices(
    Vertx vertx,
    SmtpServerOptions options,
    Spool spool,
    AccountStore accounts,
    SmtpMetrics metrics,
    ConnectionLimiter connections,
    AuthThrottle authThrottle,
    RelayPolicy relayPolicy,
    TlsUpgrader startTls) {

  /** True when STARTTLS can be offered (a certificate is configured). */
  public boolean tlsConfigured() {
    return startTls != null;
  }
}
