package dev.tern.access.net;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;

import java.util.Set;

/**
 * NetServer options for a listener. STARTTLS listeners get the key and certificate but not ssl=true (the
 * upgrade happens per connection); implicit-TLS listeners are TLS from the first byte. TLS 1.2 and 1.3 only.
 */
public final class TlsSettings {

  /** The TLS versions every listener and STARTTLS upgrade accepts. */
  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private TlsSettings() {
  }

  /**
   * @param keyCert     certificate and key, or null when TLS is not configured
   * @param implicitTls TLS from the first byte; needs {@code keyCert}
   * @throws IllegalArgumentException for implicit TLS without a certificate
   */
  public static NetServerOptions serverOptions(KeyCertOptions keyCert, boolean implicitTls) {
    NetServerOptions net = new NetServerOptions().setTcpNoDelay(true);
    if (keyCert != null) {
      net.setKeyCertOptions(keyCert);
      net.setEnabledSecureTransportProtocols(PROTOCOLS);
    }
    if (implicitTls) {
      if (keyCert == null) {
        throw new IllegalArgumentException("an implicit TLS listener needs keyCert");
      }
      net.setSsl(true);
    }
    return net;
  }
}
