package dev.tern.ops.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.bouncycastle.asn1.DEROctetString;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the certificate `tern serve` uses when none is configured: EC P-256 signed with
 * SHA256withECDSA, valid for two years (a self-signed MX certificate is never verified against a CA,
 * but clients that pin it should see it rotate before it gets stale), SANs for the host name,
 * localhost, 127.0.0.1 and ::1.
 */
public final class SelfSignedCertificates {

  public static final Duration VALIDITY = Duration.ofDays(730);

  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificates() {}

  /** A fresh key pair and certificate for {@code hostname}. Blocking (key generation). */
  public static Issued issue(String hostname) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    KeyPair pair = generator.generateKeyPair();

    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, hostname)
        .addRDN(BCStyle.O, "Tern self-signed")
        .build();
    Instant now = Instant.now();
    BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        subject, serial, Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
        pair.getPublic());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames(hostname)));
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new Issued(pair, certificate);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot build the self-signed certificate", e);
    }
  }

  /** The DNS names and IP addresses the certificate names, in order. */
  public static List<String> subjectAlternativeNames(String hostname) {
    Set<String> names = new LinkedHashSet<>();
    names.add(hostname);
    names.add("localhost");
    names.add("127.0.0.1");
    names.add("::1");
    return new ArrayList<>(names);
  }

  private static GeneralName[] alternativeNames(String hostname) {
    return subjectAlternativeNames(hostname).stream()
        .map(n -> isIpLiteral(n) ? ipAddress(n) : new GeneralName(GeneralName.dNSName, n))
        .toArray(GeneralName[]::new);
  }

  // From the address bytes: a literal never triggers a lookup, and the encoding is exactly the octets.
  private static GeneralName ipAddress(String literal) {
    try {
      return new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(literal).getAddress()));
    } catch (UnknownHostException notALiteral) {
      throw new IllegalArgumentException("not an IP address: " + literal, notALiteral);
    }
  }

  static boolean isIpLiteral(String name) {
    return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  /** A key pair and the certificate for its public key. */
  public record Issued(KeyPair keyPair, X509Certificate certificate) {}
}
