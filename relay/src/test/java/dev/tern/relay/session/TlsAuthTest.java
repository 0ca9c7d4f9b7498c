package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.internal.codec.SaslCodec;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import dev.tern.relay.support.TestCerts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS, implicit TLS, AUTH and the submission rules. */
class TlsAuthTest extends RelayTestBase {

  private static TestCerts certs;
  private static SSLContext trusting;

  @BeforeAll
  static void certs(@TempDir Path dir) throws Exception {
    certs = TestCerts.generate(dir);
    trusting = certs.clientContext();
  }

  @Override
  protected SmtpServerOptions relayOptions() {
    return RelayFixture.options(Role.MX, Role.SUBMISSION, Role.SUBMISSIONS)
        .keyCert(certs.keyCert()).maxAuthFailuresPerIp(3);
  }

  private static String plain(String user, String password) {
    return SaslCodec.encode("\0" + user + "\0" + password);
  }

  @Test
  void starttlsThenAuthIsOfferedAndTheReceivedHeaderSaysEsmtpsa() throws Exception {
    try (SmtpClient c = relay.connectFrom("127.0.0.2", Role.MX)) {
      String caps = c.ehlo("client.test");
      assertTrue(caps.contains("STARTTLS"));
      assertFalse(caps.contains("AUTH"));
      c.send("AUTH PLAIN " + plain("alice@example.org", "secret")).expect(538, "5.7.11");
      c.startTls(trusting);
      String tlsProtocol = ((SSLSocket) c.socket()).getSession().getProtocol();
      assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(tlsProtocol), tlsProtocol);
      c.send("MAIL FROM:<a@b.test>").expect(503, "5.5.1");
      caps = c.ehlo("client.test");
      assertFalse(caps.contains("STARTTLS"));
      assertTrue(caps.contains("AUTH PLAIN LOGIN"));
      c.send("AUTH PLAIN " + plain("alice@example.org", "secret")).expect(235, "2.7.0");
      c.send("MAIL FROM:<alice@example.org>").expect(250);
      c.send("RCPT TO:<far@elsewhere.test>").expect(250, "2.1.5");
      c.send("DATA").expect(354);
      c.raw("hi\r\n.\r\n").expect(250);
    }
    var stored = relay.spool.stored().get(0);
    assertEquals("alice@example.org", stored.envelope().authenticatedUser());
    assertTrue(stored.text().contains(" with ESMTPSA"), stored.text());
  }

  @Test
  void commandsPipelinedBehindStarttlsAreDiscarded() throws Exception {
    try (SmtpClient c = relay.connectFrom("127.0.0.1", Role.MX)) {
      c.ehlo("client.test");
      c.raw("STARTTLS\r\nMAIL FROM:<evil@remote.test>\r\nRCPT TO:<alice@example.org>\r\n");
      c.expect(220);
      c.upgrade(trusting);
      c.ehlo("client.test");
      c.send("RCPT TO:<alice@example.org>").expect(503, "5.5.1");
      c.send("DATA").expect(503);
    }
    assertTrue(relay.accounts.resolved().isEmpty(), "no RCPT from before TLS was executed");
  }

  @Test
  void plaintextSentAfterThe220InsteadOfAHandshakeEndsTheConnection() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("STARTTLS").expect(220);
      c.send("MAIL FROM:<evil@remote.test>");
      assertTrue(c.closedByServer(), "plaintext where a TLS handshake belongs must not be answered");
    }
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.startTls(trusting);
      c.ehlo("client.test");
    }
  }

  @Test
  void starttlsWorksOnEveryEventLoopInstance() throws Exception {
    for (int i = 0; i < 4; i++) {
      try (SmtpClient c = relay.connect(Role.SUBMISSION)) {
        c.ehlo("client.test");
        c.startTls(trusting);
        c.ehlo("client.test");
        c.send("AUTH PLAIN " + plain("alice@example.org", "secret")).expect(235);
      }
    }
  }

  @Test
  void submissionNeedsTlsAndAuthBeforeMail() throws Exception {
    try (SmtpClient c = relay.connect(Role.SUBMISSION)) {
      String caps = c.ehlo("client.test");
      assertFalse(caps.contains("AUTH"));
      c.send("MAIL FROM:<alice@example.org>").expect(530, "5.7.0");
      c.send("AUTH LOGIN").expect(538, "5.7.11");
      c.startTls(trusting);
      c.ehlo("client.test");
      c.send("MAIL FROM:<alice@example.org>").expect(530, "5.7.0 Authentication required");
      c.send("AUTH LOGIN").expect(334, SaslCodec.encode("Username:"));
      c.send(SaslCodec.encode("alice@example.org")).expect(334, SaslCodec.encode("Password:"));
      c.send(SaslCodec.encode("secret")).expect(235);
      c.send("AUTH PLAIN").expect(503);
      c.send("MAIL FROM:<alice@example.org>").expect(250);
    }
  }

  @Test
  void authBadInputAndCancel() throws Exception {
    try (SmtpClient c = relay.connect(Role.SUBMISSION)) {
      c.ehlo("client.test");
      c.startTls(trusting);
      c.ehlo("client.test");
      c.send("AUTH CRAM-MD5").expect(504, "5.5.4");
      c.send("AUTH PLAIN").expect(334);
      c.send("*").expect(501, "5.7.0");
      c.send("AUTH PLAIN !!notbase64!!").expect(501, "5.5.2");
      c.send("AUTH PLAIN =").expect(501);
      c.send("AUTH LOGIN " + SaslCodec.encode("alice@example.org")).expect(334);
      c.send("*").expect(501, "5.7.0");
      c.send("AUTH PLAIN").expect(334);
      c.raw(new byte[] {(byte) 0xff, '\r', '\n'}).expect(500, "5.5.2");
      c.send("NOOP").expect(250);
      c.send("AUTH PLAIN " + plain("alice@example.org", "secret")).expect(235);
    }
  }

  @Test
  void repeatedAuthFailuresCloseAndBlockTheIp() throws Exception {
    try (SmtpClient c = relay.connect(Role.SUBMISSION)) {
      c.ehlo("client.test");
      c.startTls(trusting);
      c.ehlo("client.test");
      c.send("AUTH PLAIN " + plain("alice@example.org", "wrong")).expect(535, "5.7.8");
      c.send("AUTH PLAIN " + plain("alice@example.org", "wrong")).expect(535, "5.7.8");
      c.send("AUTH PLAIN " + plain("alice@example.org", "wrong")).expect(421, "4.7.0");
      assertTrue(c.closedByServer());
    }
    try (SmtpClient c = relay.connect(Role.SUBMISSION)) {
      c.ehlo("client.test");
      c.startTls(trusting);
      c.ehlo("client.test");
      c.send("AUTH PLAIN " + plain("alice@example.org", "secret")).expect(421, "4.7.0");
    }
  }

  @Test
  void implicitTlsSubmission() throws Exception {
    SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", relay.port(Role.SUBMISSIONS));
    try (SmtpClient c = new SmtpClient(tls)) {
      c.expect(220);
      String caps = c.ehlo("client.test");
      assertFalse(caps.contains("STARTTLS"));
      assertTrue(caps.contains("AUTH PLAIN LOGIN"));
      c.send("MAIL FROM:<alice@example.org>").expect(530);
      c.send("AUTH PLAIN " + plain("alice@example.org", "secret")).expect(235);
      c.send("MAIL FROM:<alice@example.org>").expect(250);
      c.send("RCPT TO:<bob@elsewhere.test>").expect(250);
      c.send("DATA").expect(354);
      c.raw("hi\r\n.\r\n").expect(250);
    }
  }

  @Test
  void oldTlsVersionsAreRefused() throws Exception {
    SSLContext context = certs.clientContext();
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", relay.port(Role.SUBMISSIONS));
    tls.setEnabledProtocols(new String[] {"TLSv1.1"});
    assertThrows(Exception.class, tls::startHandshake);
    tls.close();
  }
}
