package dev.tern.access.pop3;

import dev.tern.access.pop3.support.Messages;
import dev.tern.access.pop3.support.Pop3TestBase;
import dev.tern.access.pop3.support.TestCertificate;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.ALICE_PASSWORD;
import static dev.tern.access.pop3.support.Pop3Fixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real client we did not write (Angus Mail's POP3 provider) against the server. */
class AngusPop3Test extends Pop3TestBase {

  private static SSLContext trusting;
  private static TestCertificate certificate;

  @BeforeAll
  static void certificate(@TempDir Path certDir) throws Exception {
    certificate = TestCertificate.generate(certDir, Pop3TlsTest.OUTSIDE);
    trusting = certificate.clientContext();
  }

  private Pop3ServerOptions tlsOptions() {
    Pop3ServerOptions options = options().keyCert(certificate.keyCert())
        .addListener(new Pop3ListenerOptions("pop3s", List.of("127.0.0.1"), 0, true));
    if (Pop3TlsTest.OUTSIDE != null) {
      options.addListener(new Pop3ListenerOptions("outside", List.of(Pop3TlsTest.OUTSIDE), 0, false));
    }
    return options;
  }

  private static Properties properties(String protocol, String host, int port) {
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "host", host);
    p.put(prefix + "port", String.valueOf(port));
    p.put(prefix + "ssl.socketFactory", trusting.getSocketFactory());
    p.put(prefix + "timeout", "15000");
    p.put(prefix + "connectiontimeout", "15000");
    return p;
  }

  /** Logs in, reads every message, deletes the first, closes with expunge; returns what it read. */
  private static List<String> readAndDeleteFirst(Properties properties, String protocol) throws Exception {
    Store store = Session.getInstance(properties).getStore(protocol);
    store.connect(ALICE, ALICE_PASSWORD);
    try {
      POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      Message[] messages = inbox.getMessages();
      List<String> seen = new ArrayList<>();
      for (Message message : messages) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        String text = raw.toString(StandardCharsets.UTF_8);
        seen.add(message.getSubject() + "|" + inbox.getUID(message) + "|" + text);
      }
      messages[0].setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
      return seen;
    } finally {
      store.close();
    }
  }

  @Test
  void plainOnLoopback() throws Exception {
    start();
    long kept = deliverTwo();
    List<String> seen = readAndDeleteFirst(properties("pop3", "127.0.0.1", pop3.port()), "pop3");
    assertRead(seen);
    assertEquals(List.of(kept), pop3.uids(ALICE));
  }

  @Test
  void stls() throws Exception {
    start(tlsOptions());
    long kept = deliverTwo();
    // On a non-loopback address the login can only succeed after STLS.
    String host = Pop3TlsTest.OUTSIDE != null ? Pop3TlsTest.OUTSIDE : "127.0.0.1";
    int port = Pop3TlsTest.OUTSIDE != null ? pop3.port("outside") : pop3.port();
    Properties properties = properties("pop3", host, port);
    properties.put("mail.pop3.starttls.enable", "true");
    properties.put("mail.pop3.starttls.required", "true");
    assertRead(readAndDeleteFirst(properties, "pop3"));
    assertEquals(List.of(kept), pop3.uids(ALICE));
  }

  @Test
  void implicitTls() throws Exception {
    start(tlsOptions());
    long kept = deliverTwo();
    assertRead(readAndDeleteFirst(properties("pop3s", "127.0.0.1", pop3.port("pop3s")), "pop3s"));
    assertEquals(List.of(kept), pop3.uids(ALICE));
  }

  @Test
  void saslPlain() throws Exception {
    start();
    long kept = deliverTwo();
    Properties properties = properties("pop3", "127.0.0.1", pop3.port());
    properties.put("mail.pop3.auth.mechanisms", "PLAIN");
    assertRead(readAndDeleteFirst(properties, "pop3"));
    assertEquals(List.of(kept), pop3.uids(ALICE));
    assertEquals(1, pop3.counter("tern.pop3.logins", "method", "auth_plain", "result", "ok"));
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    start();
    Store store = Session.getInstance(properties("pop3", "127.0.0.1", pop3.port())).getStore("pop3");
    assertThrows(AuthenticationFailedException.class, () -> store.connect(ALICE, "nope"));
  }

  private long deliverTwo() {
    pop3.deliver(ALICE, Messages.message("first", "Hello.", ".dotted", "bye"));
    return pop3.deliver(ALICE, Messages.message("second", "two"));
  }

  private static void assertRead(List<String> seen) {
    assertEquals(2, seen.size());
    assertTrue(seen.get(0).startsWith("first|"), seen.get(0));
    assertTrue(seen.get(0).contains("\r\nHello.\r\n.dotted\r\nbye\r\n"), seen.get(0));
    assertTrue(seen.get(1).startsWith("second|"), seen.get(1));
    String uid = seen.get(0).split("\\|")[1];
    assertEquals(16, uid.length(), uid);
  }
}
