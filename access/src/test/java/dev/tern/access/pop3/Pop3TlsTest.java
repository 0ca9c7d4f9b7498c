package dev.tern.access.pop3;

import dev.tern.access.net.PlaintextLoginPolicy;
import dev.tern.access.pop3.support.Pop3Client;
import dev.tern.access.pop3.support.Pop3TestBase;
import dev.tern.access.pop3.support.TestCertificate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.file.Path;
import java.util.List;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.ALICE_PASSWORD;
import static dev.tern.access.pop3.support.Pop3Fixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** STLS, implicit TLS, and the rule that passwords travel in the clear only on loopback. */
class Pop3TlsTest extends Pop3TestBase {

  /** A local address that is not loopback, or null when the machine has none. */
  static final String OUTSIDE = TestCertificate.nonLoopbackAddress();

  private static TestCertificate certificate;
  private static SSLContext trusting;

  @BeforeAll
  static void certificate(@TempDir Path certDir) throws Exception {
    certificate = TestCertificate.generate(certDir, OUTSIDE);
    trusting = certificate.clientContext();
  }


  private Pop3ServerOptions tlsOptions() {
    Pop3ServerOptions options = options().keyCert(certificate.keyCert())
        .addListener(new Pop3ListenerOptions("pop3s", List.of("127.0.0.1"), 0, true));
    if (OUTSIDE != null) {
      options.addListener(new Pop3ListenerOptions("outside", List.of(OUTSIDE), 0, false));
    }
    return options;
  }

  private Pop3Client stls(Pop3Client client) throws Exception {
    assertEquals("+OK begin TLS negotiation", client.ok("STLS"));
    client.upgrade(trusting);
    return client;
  }

  @Test
  void stlsThenLogin() throws Exception {
    start(tlsOptions());
    try (Pop3Client client = stls(pop3.connect())) {
      client.ok("CAPA");
      List<String> capabilities = client.body();
      assertFalse(capabilities.contains("STLS"), capabilities.toString());
      assertTrue(capabilities.contains("USER"), capabilities.toString());
      assertTrue(client.err("STLS").contains("TLS already active"));
      client.login(ALICE, ALICE_PASSWORD);
      client.ok("STAT");
    }
  }

  @Test
  void plaintextPipelinedBehindStlsIsDiscarded() throws Exception {
    start(tlsOptions());
    try (Pop3Client client = pop3.connect()) {
      client.raw("STLS\r\nCAPA\r\n");
      assertEquals("+OK begin TLS negotiation", client.ok());
      client.upgrade(trusting);
      client.ok("CAPA");
      client.body();
      // Had the injected CAPA been answered, its reply would come before the one to QUIT.
      assertEquals("+OK pop.test POP3 server signing off", client.ok("QUIT"));
    }
  }

  @Test
  void stlsIsRefusedAfterLoginAndOfferedOnlyBeforeIt() throws Exception {
    start(tlsOptions());
    try (Pop3Client client = pop3.connect()) {
      client.ok("CAPA");
      assertTrue(client.body().contains("STLS"));
      client.login(ALICE, ALICE_PASSWORD);
      client.ok("CAPA");
      assertFalse(client.body().contains("STLS"));
      assertTrue(client.err("STLS").contains("not valid in the TRANSACTION state"));
    }
  }

  @Test
  void stlsWithoutACertificateIsUnavailable() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.ok("CAPA");
      assertFalse(client.body().contains("STLS"));
      assertEquals("-ERR STLS not available", client.err("STLS"));
      client.login(ALICE, ALICE_PASSWORD);
    }
  }

  @Test
  void implicitTls() throws Exception {
    start(tlsOptions());
    SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", pop3.port("pop3s"));
    try (Pop3Client client = new Pop3Client(socket)) {
      client.ok();
      client.ok("CAPA");
      assertFalse(client.body().contains("STLS"));
      assertTrue(client.err("STLS").contains("TLS already active"));
      client.login(ALICE, ALICE_PASSWORD);
      client.ok("STAT");
    }
  }

  @Test
  void failedHandshakeClosesOnlyThatConnection() throws Exception {
    start(tlsOptions());
    try (Pop3Client client = pop3.connect()) {
      client.ok("STLS");
      client.raw("this is not a TLS client hello\r\n");
      assertTrue(client.closedByServer());
    }
    try (Pop3Client fresh = pop3.loginAlice()) {
      fresh.ok("STAT");
    }
  }

  @Test
  void plaintextLoginIsRefusedOnAnInsecureConnectionAndAllowedAfterStls() throws Exception {
    assumeTrue(OUTSIDE != null, "no non-loopback address on this machine; the policy test covers the rule");
    start(tlsOptions());
    try (Pop3Client client = new Pop3Client(OUTSIDE, pop3.port("outside"))) {
      client.ok();
      client.ok("CAPA");
      List<String> capabilities = client.body();
      assertFalse(capabilities.contains("USER"), capabilities.toString());
      assertFalse(capabilities.stream().anyMatch(c -> c.startsWith("SASL")), capabilities.toString());
      assertTrue(capabilities.contains("STLS"), capabilities.toString());
      String refusal = "-ERR [AUTH] plaintext authentication disallowed on insecure connections, use STLS";
      assertEquals(refusal, client.err("USER " + ALICE));
      assertEquals(refusal, client.err("AUTH PLAIN AGFsaWNlQGV4YW1wbGUuY29tAHdvbmRlcmxhbmQ="));
      client.ok("AUTH");
      assertEquals(List.of(), client.body());
      stls(client);
      client.login(ALICE, ALICE_PASSWORD);
      client.ok("STAT");
    }
  }

  @Test
  void plaintextLoginOnAnInsecureConnectionWhenTheOperatorAllowsIt() throws Exception {
    assumeTrue(OUTSIDE != null, "no non-loopback address on this machine; the policy test covers the rule");
    start(tlsOptions().plaintextAuthOnInsecure(true));
    try (Pop3Client client = new Pop3Client(OUTSIDE, pop3.port("outside"))) {
      client.ok();
      client.login(ALICE, ALICE_PASSWORD);
    }
  }

  @Test
  void plaintextLoginPolicy() {
    PlaintextLoginPolicy strict = new PlaintextLoginPolicy(false);
    assertTrue(strict.allows(true, false));
    assertTrue(strict.allows(false, true));
    assertFalse(strict.allows(false, false));
    assertTrue(new PlaintextLoginPolicy(true).allows(false, false));
    assertTrue(PlaintextLoginPolicy.isLoopback("127.0.0.1"));
    assertTrue(PlaintextLoginPolicy.isLoopback("127.3.2.1"));
    assertTrue(PlaintextLoginPolicy.isLoopback("::1"));
    assertTrue(PlaintextLoginPolicy.isLoopback("::ffff:127.0.0.1"));
    assertFalse(PlaintextLoginPolicy.isLoopback("192.0.2.7"));
    assertFalse(PlaintextLoginPolicy.isLoopback("2001:db8::1"));
    assertFalse(PlaintextLoginPolicy.isLoopback("localhost"));
    assertFalse(PlaintextLoginPolicy.isLoopback(null));
  }

  @Test
  void implicitTlsWithoutACertificateIsRefusedUpFront() {
    Pop3ServerOptions options = options().addListener(new Pop3ListenerOptions("pop3s", List.of("127.0.0.1"), 0, true));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new Pop3Server(vertx, options, null, null, new SimpleMeterRegistry()));
    assertTrue(refused.getMessage().contains("implicit TLS"), refused.getMessage());
  }
}
