package dev.tern.delivery.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A self-signed test certificate generated with Bouncy Castle, kept in memory: server side as an
 * {@link SSLContext}, client side as Vert.x trust options that trust exactly this certificate.
 */
public final class TestCertificate {

  private final X509Certificate certificate;
  private final KeyPair keys;

  private TestCertificate(X509Certificate certificate, KeyPair keys) {
    this.certificate = certificate;
    this.keys = keys;
  }

  /** A certificate for the given DNS names plus 127.0.0.1 and ::1. */
  public static TestCertificate generate(String... dnsNames) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + (dnsNames.length > 0 ? dnsNames[0] : "localhost"));
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic());
    GeneralName[] names = new GeneralName[dnsNames.length + 2];
    for (int i = 0; i < dnsNames.length; i++) {
      names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
    }
    names[dnsNames.length] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
    names[dnsNames.length + 1] = new GeneralName(GeneralName.iPAddress, "::1");
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    return new TestCertificate(cert, pair);
  }

  public SSLContext serverContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "test".toCharArray();
    store.setKeyEntry("key", keys.getPrivate(), password, new Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  /** Trust options for a Vert.x client that trust this certificate only. */
  public PemTrustOptions trustOptions() throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return new PemTrustOptions().addCertValue(Buffer.buffer(out.toString()));
  }
}
