package dev.tern.access.pop3.support;

import io.vertx.core.net.PemKeyCertOptions;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.Collections;
import java.net.SocketException;
import java.net.NetworkInterface;
import java.net.InetAddress;
import java.net.Inet4Address;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** A self-signed EC certificate for localhost and the test addresses, as PEM files, and a client context trusting it. */
public final class TestCertificate {

  private final X509Certificate certificate;
  private final Path certFile;
  private final Path keyFile;

  private TestCertificate(X509Certificate certificate, Path certFile, Path keyFile) {
    this.certificate = certificate;
    this.certFile = certFile;
    this.keyFile = keyFile;
  }

  /** @param extraAddress another IP literal to name in the certificate (a non-loopback test address), or null */
  public static TestCertificate generate(Path dir, String extraAddress) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic());
    GeneralName[] names = extraAddress == null
        ? new GeneralName[] {dns("localhost"), ip("127.0.0.1"), ip("::1")}
        : new GeneralName[] {dns("localhost"), ip("127.0.0.1"), ip("::1"), ip(extraAddress)};
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    Path certFile = dir.resolve("pop3-cert.pem");
    Path keyFile = dir.resolve("pop3-key.pem");
    Files.writeString(certFile, pem(cert));
    Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
    return new TestCertificate(cert, certFile, keyFile);
  }

  private static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static GeneralName ip(String address) {
    return new GeneralName(GeneralName.iPAddress, address);
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    }
    return out.toString();
  }

  public PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString());
  }

  /** An SSLContext that trusts exactly this certificate. */
  public SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("pop3-test", certificate);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /**
   * A local IPv4 address that is not loopback, to listen on and name in the certificate, or null when the machine
   * has none (tests of the insecure-connection rules then skip).
   */
  public static String nonLoopbackAddress() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      return null;
    }
    return null;
  }
}
