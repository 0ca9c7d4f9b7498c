package dev.tern.ops.tls;

import dev.tern.ops.FilePermissions;
import dev.tern.ops.config.TlsConfig;
import io.vertx.core.net.PemKeyCertOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Finds the server's certificate and key: the configured PEM files, or the self-signed pair under
 * {@code <data>/tls}, generated on first start and again when it is about to expire or no longer
 * names the host. Blocking; runs before Vert.x starts.
 */
public final class TlsMaterial {

  private static final System.Logger LOG = System.getLogger(TlsMaterial.class.getName());
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private TlsMaterial() {}

  public static PemKeyCertOptions resolve(TlsConfig config, Path dataDir, String hostname)
      throws IOException, GeneralSecurityException {
    if (!config.selfSigned()) {
      for (Path p : List.of(config.certificate(), config.key())) {
        if (!Files.isReadable(p)) {
          throw new IOException("TLS file " + p + " does not exist or is not readable");
        }
      }
      readCertificate(config.certificate());
      return new PemKeyCertOptions().setCertPath(config.certificate().toString()).setKeyPath(config.key().toString());
    }
    Path dir = dataDir.resolve("tls");
    return selfSigned(dir.resolve("cert.pem"), dir.resolve("key.pem"), hostname);
  }

  static PemKeyCertOptions selfSigned(Path certFile, Path keyFile, String hostname)
      throws IOException, GeneralSecurityException {
    String reason = reasonToIssue(certFile, keyFile, hostname);
    if (reason != null) {
      LOG.log(System.Logger.Level.INFO, "generating a self-signed certificate for " + hostname + " in "
          + certFile.getParent() + " (" + reason + ")");
      SelfSignedCertificates.Issued issued = SelfSignedCertificates.issue(hostname);
      FilePermissions.writeOwnerOnly(keyFile, pem("PRIVATE KEY", issued.keyPair().getPrivate().getEncoded()));
      FilePermissions.writeOwnerOnly(certFile, pem("CERTIFICATE", issued.certificate().getEncoded()));
    }
    return new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString());
  }

  /** Why a new certificate is needed, or null when the stored one is fine. */
  private static String reasonToIssue(Path certFile, Path keyFile, String hostname) {
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      return "first start";
    }
    X509Certificate cert;
    try {
      cert = readCertificate(certFile);
    } catch (IOException | CertificateException e) {
      return "the stored one is unreadable: " + e.getMessage();
    }
    if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
      return "the stored one expires " + cert.getNotAfter().toInstant();
    }
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      boolean names = sans != null && sans.stream().anyMatch(san -> hostname.equalsIgnoreCase(String.valueOf(san.get(1))));
      if (!names) {
        return "the stored one does not name " + hostname;
      }
    } catch (CertificateException e) {
      return "the stored one has unreadable names";
    }
    return null;
  }

  /** The first certificate of a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
    byte[] bytes = Files.readAllBytes(file);
    Collection<? extends java.security.cert.Certificate> all =
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
    if (all.isEmpty()) {
      throw new CertificateException("no certificate in " + file);
    }
    return (X509Certificate) all.iterator().next();
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
