package dev.tern.ops.tls;

import dev.tern.ops.config.TlsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsMaterialTest {

  private static Set<String> sans(X509Certificate cert) throws Exception {
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    return names.stream().map(n -> n.get(0) + ":" + n.get(1)).collect(Collectors.toSet());
  }

  /** SANs as type:value, IP addresses decoded from their octets (the JDK's text form of IPv6 SANs is odd). */
  private static Set<String> sansViaBouncyCastle(X509Certificate cert) throws Exception {
    GeneralNames names = GeneralNames.fromExtensions(new JcaX509CertificateHolder(cert).getExtensions(),
        Extension.subjectAlternativeName);
    Set<String> out = new java.util.HashSet<>();
    for (GeneralName n : names.getNames()) {
      if (n.getTagNo() == GeneralName.iPAddress) {
        byte[] octets = ASN1OctetString.getInstance(n.getName()).getOctets();
        String ip = InetAddress.getByAddress(octets).getHostAddress();
        out.add("7:" + (ip.equals("0:0:0:0:0:0:0:1") ? "::1" : ip));
      } else {
        out.add(n.getTagNo() + ":" + n.getName());
      }
    }
    return out;
  }

  @Test
  void firstStartGeneratesAPairThatNamesTheHostAndLoopback(@TempDir Path data) throws Exception {
    PemKeyCertOptions options = TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "mx.example.org");
    Path cert = data.resolve("tls/cert.pem");
    Path key = data.resolve("tls/key.pem");
    assertEquals(cert.toString(), options.getCertPath());
    assertEquals(key.toString(), options.getKeyPath());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));

    X509Certificate parsed = TlsMaterial.readCertificate(cert);
    parsed.checkValidity();
    parsed.verify(parsed.getPublicKey());
    assertEquals("SHA256withECDSA", parsed.getSigAlgName());
    // 2 = dNSName, 7 = iPAddress (java.security.cert's numbering); IPv6 comes back in full form.
    assertEquals(Set.of("2:mx.example.org", "2:localhost", "7:127.0.0.1", "7:::1"), sansViaBouncyCastle(parsed));
    assertEquals(-1, parsed.getBasicConstraints());
    assertTrue(parsed.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
  }

  @Test
  void secondStartReusesTheSamePair(@TempDir Path data) throws Exception {
    TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "mx.example.org");
    byte[] cert = Files.readAllBytes(data.resolve("tls/cert.pem"));
    byte[] key = Files.readAllBytes(data.resolve("tls/key.pem"));
    TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "MX.example.org");
    assertArrayEquals(cert, Files.readAllBytes(data.resolve("tls/cert.pem")));
    assertArrayEquals(key, Files.readAllBytes(data.resolve("tls/key.pem")));
  }

  @Test
  void aNewHostnameOrABrokenFileGetsANewCertificate(@TempDir Path data) throws Exception {
    TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "old.example.org");
    byte[] before = Files.readAllBytes(data.resolve("tls/cert.pem"));
    TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "new.example.org");
    assertTrue(sans(TlsMaterial.readCertificate(data.resolve("tls/cert.pem"))).contains("2:new.example.org"));
    assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(data.resolve("tls/cert.pem"))));

    Files.writeString(data.resolve("tls/cert.pem"), "garbage");
    TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "new.example.org");
    assertTrue(sans(TlsMaterial.readCertificate(data.resolve("tls/cert.pem"))).contains("2:new.example.org"));
  }

  @Test
  void configuredFilesAreUsedAsTheyAre(@TempDir Path dir) throws Exception {
    TlsMaterial.resolve(TlsConfig.SELF_SIGNED, dir, "given.example.org");
    TlsConfig given = new TlsConfig(dir.resolve("tls/cert.pem"), dir.resolve("tls/key.pem"));
    PemKeyCertOptions options = TlsMaterial.resolve(given, dir.resolve("elsewhere"), "ignored.example.org");
    assertEquals(given.certificate().toString(), options.getCertPath());
    assertFalse(Files.exists(dir.resolve("elsewhere/tls")));
  }

  @Test
  void missingOrBrokenConfiguredFilesFail(@TempDir Path dir) throws Exception {
    TlsConfig missing = new TlsConfig(dir.resolve("nope.pem"), dir.resolve("nokey.pem"));
    IOException e = assertThrows(IOException.class, () -> TlsMaterial.resolve(missing, dir, "h.example"));
    assertTrue(e.getMessage().contains("nope.pem"), e.getMessage());

    Files.writeString(dir.resolve("bad.pem"), "not a certificate");
    Files.writeString(dir.resolve("key.pem"), "not a key");
    assertThrows(Exception.class, () -> TlsMaterial.resolve(new TlsConfig(dir.resolve("bad.pem"), dir.resolve("key.pem")), dir, "h"));
  }

  @Test
  void vertxServesTlsWithTheGeneratedPairAndAVerifyingClientAcceptsIt(@TempDir Path data) throws Exception {
    PemKeyCertOptions keyCert = TlsMaterial.resolve(TlsConfig.SELF_SIGNED, data, "mx.example.org");
    Vertx vertx = Vertx.vertx();
    try {
      NetServer server = vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(keyCert))
          .connectHandler(socket -> socket.handler(ping -> socket.end(Buffer.buffer("hello over tls\n"))));
      int port = server.listen(0, "127.0.0.1").await().actualPort();

      // A client that trusts exactly this certificate and checks the name, as a pinned MX client would.
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("tern", TlsMaterial.readCertificate(data.resolve("tls/cert.pem")));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(List.of(new SNIHostName("localhost")));
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals("hello over tls\n", reply);
      }
    } finally {
      vertx.close().await();
    }
  }
}
