package dev.tern.ops.config;

import java.nio.file.Path;

/**
 * Where the server's certificate comes from.
 *
 * @param certificate PEM certificate chain, or null for the self-signed one in the data directory
 * @param key         PEM private key (PKCS#8 or PKCS#1), null exactly when certificate is null
 */
public record TlsConfig(Path certificate, Path key) {

  public static final TlsConfig SELF_SIGNED = new TlsConfig(null, null);

  public TlsConfig {
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("certificate and key go together");
    }
  }

  public boolean selfSigned() {
    return certificate == null;
  }
}
