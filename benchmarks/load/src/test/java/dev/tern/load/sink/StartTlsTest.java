package dev.tern.load.sink;

import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS (RFC 3207) with the self-signed certificate, and the plaintext injection it must not fall for. */
class StartTlsTest {

  private SinkFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void plaintextPipelinedAfterStartTlsIsDiscarded() throws Exception {
    fixture = SinkFixture.start(SinkOptions.defaults().withTls(true, null, null));
    try (RawSmtpClient client = fixture.connect()) {
      assertTrue(client.hello().contains("250 STARTTLS"));
      // CVE-2011-0411: the MAIL and RCPT ride in the same packet as STARTTLS and must not be run inside TLS.
      client.send("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\nRCPT TO:<victim@example.org>\r\n");
      assertEquals("220 2.0.0 Ready to start TLS", client.reply());
      client.startTls();
      String ehlo = client.command("EHLO client.example.org");
      assertTrue(ehlo.startsWith("250-"), ehlo);
      assertFalse(ehlo.contains("STARTTLS"), "no STARTTLS inside TLS: " + ehlo);
      assertEquals("503 5.5.1 Need MAIL command", client.command("RCPT TO:<victim@example.org>"));
      assertEquals("503 5.5.1 TLS already active", client.command("STARTTLS"));
      assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
      client.command("RCPT TO:<b@example.org>");
      client.command("DATA");
      assertEquals("250 2.0.0 Ok: message accepted", client.command("Subject: tls\r\n\r\nsecret\r\n."));
    }
    assertEquals(1, fixture.stats().transactions(), "only the MAIL sent inside TLS");
    assertEquals(1, fixture.stats().messagesAccepted());
    fixture.assertServesNextConnection();
  }

  @Test
  void aGivenPemCertificateAndKeyAreServed() throws Exception {
    SelfSignedCertificate pem = SelfSignedCertificate.create("sink.example.org");
    try {
      Path certificate = Path.of(pem.certificatePath());
      fixture = SinkFixture.start(SinkOptions.defaults().withTls(true, certificate, Path.of(pem.privateKeyPath())));
      try (RawSmtpClient client = fixture.connect()) {
        client.hello();
        assertEquals("220 2.0.0 Ready to start TLS", client.command("STARTTLS"));
        client.startTls();
        Certificate expected;
        try (InputStream in = Files.newInputStream(certificate)) {
          expected = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertEquals(expected, client.peerCertificate());
        assertTrue(client.command("EHLO client.example.org").startsWith("250-"));
      }
    } finally {
      pem.delete();
    }
  }

  @Test
  void theClientMustSayEhloAgainAfterTls() throws Exception {
    fixture = SinkFixture.start(SinkOptions.defaults().withTls(true, null, null));
    try (RawSmtpClient client = fixture.connect()) {
      client.hello();
      assertEquals("501 5.5.4 This command takes no arguments", client.command("STARTTLS now"));
      assertEquals("220 2.0.0 Ready to start TLS", client.command("STARTTLS"));
      client.startTls();
      assertEquals("503 5.5.1 Send EHLO or HELO first", client.command("MAIL FROM:<a@example.org>"));
    }
    fixture.assertServesNextConnection();
  }

  @Test
  void aFailedHandshakeOnlyEndsThatConnection() throws Exception {
    fixture = SinkFixture.start(SinkOptions.defaults().withTls(true, null, null));
    try (RawSmtpClient client = fixture.connect()) {
      client.hello();
      assertEquals("220 2.0.0 Ready to start TLS", client.command("STARTTLS"));
      client.send("this is not a TLS record\r\n");
      assertTrue(client.closedByServer());
    }
    fixture.assertServesNextConnection();
  }
}
