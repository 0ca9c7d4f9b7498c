package dev.tern.relay.client;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.InMemorySpool.Stored;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.TestCerts;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real client we did not write (Angus Mail / Jakarta Mail) against the server. */
class AngusMailTest extends RelayTestBase {

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
        .keyCert(certs.keyCert());
  }

  private Properties smtp(String protocol, Role role) {
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "host", "127.0.0.1");
    p.put(prefix + "port", String.valueOf(relay.port(role)));
    p.put(prefix + "ssl.socketFactory", trusting.getSocketFactory());
    p.put(prefix + "ssl.checkserveridentity", "true");
    p.put(prefix + "timeout", "10000");
    p.put(prefix + "connectiontimeout", "10000");
    return p;
  }

  private static MimeMessage message(Session session, String to, String subject) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("alice@example.org"));
    m.setRecipients(Message.RecipientType.TO, to);
    m.setSubject(subject);
    m.setText("Hello.\n.\n..Lines with dots survive.\nBye\n");
    return m;
  }

  @Test
  void plainDeliveryToALocalUserOnMx() throws Exception {
    Session session = Session.getInstance(smtp("smtp", Role.MX));
    Transport.send(message(session, "alice@example.org", "plain"));
    Stored stored = relay.spool.stored().get(0);
    assertEquals(List.of("alice@example.org"), stored.envelope().recipients());
    assertTrue(stored.text().contains("Subject: plain"));
    assertTrue(stored.text().contains("\r\n.\r\n..Lines with dots survive.\r\n"), stored.text());
  }

  @Test
  void starttlsAndAuthOnSubmission() throws Exception {
    for (String mechanism : List.of("PLAIN", "LOGIN")) {
      Properties p = smtp("smtp", Role.SUBMISSION);
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
      p.put("mail.smtp.auth", "true");
      p.put("mail.smtp.auth.mechanisms", mechanism);
      Session session = Session.getInstance(p);
      Transport.send(message(session, "friend@elsewhere.test", mechanism), "alice@example.org", "secret");
    }
    assertEquals(2, relay.spool.stored().size());
    for (Stored stored : relay.spool.stored()) {
      assertEquals("alice@example.org", stored.envelope().authenticatedUser());
      assertTrue(stored.text().contains("with ESMTPSA"));
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    Properties p = smtp("smtp", Role.SUBMISSION);
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.auth", "true");
    Session session = Session.getInstance(p);
    assertThrows(AuthenticationFailedException.class,
        () -> Transport.send(message(session, "friend@elsewhere.test", "x"), "alice@example.org", "nope"));
    assertTrue(relay.spool.stored().isEmpty());
  }

  @Test
  void implicitTlsSubmissions() throws Exception {
    Properties p = smtp("smtps", Role.SUBMISSIONS);
    p.put("mail.smtps.auth", "true");
    p.put("mail.transport.protocol", "smtps");
    Session session = Session.getInstance(p);
    try (Transport transport = session.getTransport("smtps")) {
      transport.connect("alice@example.org", "secret");
      MimeMessage m = message(session, "friend@elsewhere.test", "smtps");
      transport.sendMessage(m, m.getAllRecipients());
    }
    assertEquals("alice@example.org", relay.spool.stored().get(0).envelope().authenticatedUser());
  }
}
