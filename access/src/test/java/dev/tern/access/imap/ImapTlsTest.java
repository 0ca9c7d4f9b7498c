package dev.tern.access.imap;

import dev.tern.access.imap.support.ImapClient;
import dev.tern.access.imap.support.ImapFixture;
import dev.tern.access.imap.support.ImapTestBase;
import dev.tern.access.pop3.support.TestCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** STARTTLS, implicit TLS, and LOGINDISABLED / [PRIVACYREQUIRED] on connections that are neither TLS nor loopback. */
class ImapTlsTest extends ImapTestBase {

  /** A local address that is not loopback, or null when the machine has none. */
  private static final String OUTSIDE = TestCertificate.nonLoopbackAddress();

  private static TestCertificate certificate;
  private static SSLContext trusting;

  @BeforeAll
  static void certificate(@TempDir Path certDir) throws Exception {
    certificate = TestCertificate.generate(certDir, OUTSIDE);
    trusting = certificate.clientContext();
  }


  private ImapServerOptions tlsOptions() {
    ImapServerOptions options = ImapFixture.options().keyCert(certificate.keyCert())
        .addListener(new ImapListenerOptions("imaps", List.of("127.0.0.1"), 0, true));
    if (OUTSIDE != null) {
      options.addListener(new ImapListenerOptions("outside", List.of(OUTSIDE), 0, false));
    }
    return options;
  }

  @Test
  void startTlsThenLogin() throws Exception {
    start(tlsOptions());
    try (ImapClient client = imap.connect()) {
      assertTrue(client.ok("CAPABILITY").get(0).contains("STARTTLS"));
      client.ok("STARTTLS");
      client.upgrade(trusting);
      String capabilities = client.ok("CAPABILITY").get(0);
      assertFalse(capabilities.contains("STARTTLS"), capabilities);
      assertTrue(client.bad("STARTTLS").contains("already"));
      client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
      client.ok("SELECT INBOX");
    }
  }

  @Test
  void plaintextPipelinedBehindStartTlsIsDiscarded() throws Exception {
    start(tlsOptions());
    try (ImapClient client = imap.connect()) {
      client.raw("a STARTTLS\r\nb LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD + "\r\n");
      assertTrue(client.line().startsWith("a OK"));
      client.upgrade(trusting);
      // Had the injected LOGIN run, the session would be authenticated and SELECT would work.
      List<String> select = client.command("SELECT INBOX");
      assertTrue(select.get(select.size() - 1).matches("t\\d+ BAD .*before authentication"), select.toString());
    }
  }

  @Test
  void implicitTls() throws Exception {
    start(tlsOptions());
    SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", imap.port("imaps"));
    try (ImapClient client = new ImapClient(socket)) {
      String greeting = client.greeting();
      assertFalse(greeting.contains("STARTTLS"), greeting);
      client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
    }
  }

  @Test
  void startTlsWithoutACertificateIsRefused() throws Exception {
    start();
    try (ImapClient client = imap.connect()) {
      assertFalse(client.ok("CAPABILITY").get(0).contains("STARTTLS"));
      client.no("STARTTLS");
      client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
    }
  }

  @Test
  void failedHandshakeClosesOnlyThatConnection() throws Exception {
    start(tlsOptions());
    try (ImapClient client = imap.connect()) {
      client.ok("STARTTLS");
      client.raw("this is not a TLS client hello\r\n");
      assertTrue(client.closedByServer());
    }
    try (ImapClient fresh = imap.loginAlice()) {
      fresh.ok("NOOP");
    }
  }

  @Test
  void passwordsAreRefusedOnAnInsecureConnectionUntilStartTls() throws Exception {
    assumeTrue(OUTSIDE != null, "no non-loopback address on this machine");
    start(tlsOptions());
    try (ImapClient client = new ImapClient(OUTSIDE, imap.port("outside"))) {
      String greeting = client.greeting();
      assertTrue(greeting.contains("LOGINDISABLED") && greeting.contains("STARTTLS"), greeting);
      assertFalse(greeting.contains("AUTH=PLAIN"), greeting);
      assertTrue(client.no("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD)
          .contains("[PRIVACYREQUIRED]"));
      assertTrue(client.no("AUTHENTICATE PLAIN AGFsaWNlQGV4YW1wbGUuY29tAHdvbmRlcmxhbmQ=")
          .contains("[PRIVACYREQUIRED]"));
      client.ok("STARTTLS");
      client.upgrade(trusting);
      String capabilities = client.ok("CAPABILITY").get(0);
      assertTrue(capabilities.contains("AUTH=PLAIN") && !capabilities.contains("LOGINDISABLED"), capabilities);
      client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
    }
  }

  @Test
  void insecureLoginWhenTheOperatorAllowsIt() throws Exception {
    assumeTrue(OUTSIDE != null, "no non-loopback address on this machine");
    start(tlsOptions().plaintextAuthOnInsecure(true));
    try (ImapClient client = new ImapClient(OUTSIDE, imap.port("outside"))) {
      assertFalse(client.greeting().contains("LOGINDISABLED"));
      client.ok("LOGIN " + ImapFixture.ALICE + " " + ImapFixture.ALICE_PASSWORD);
      assertEquals(1.0, imap.counter("tern.imap.logins", "result", "ok"));
    }
  }
}
