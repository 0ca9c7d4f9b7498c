package dev.tern.relay.internal.transport;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import io.vertx.core.net.NetServerOptions;

import java.util.Set;

/**
 * NetServer options per role. STARTTLS listeners get the key and certificate but not ssl=true (the
 * upgrade happens per connection); SUBMISSIONS is TLS from the first byte. TLS 1.2 and 1.3 only.
 */
final class TlsSettings {

  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private TlsSettings() {
  }

  static NetServerOptions serverOptions(SmtpServerOptions options, Role role) {
    NetServerOptions net = new NetServerOptions().setTcpNoDelay(true);
    if (options.keyCert() != null) {
      net.setKeyCertOptions(options.keyCert());
      net.setEnabledSecureTransportProtocols(PROTOCOLS);
    }
    if (role == Role.SUBMISSIONS) {
      if (options.keyCert() == null) {
        throw new IllegalArgumentException("a SUBMISSIONS listener needs keyCert");
      }
      net.setSsl(true);
    }
    return net;
  }
}
