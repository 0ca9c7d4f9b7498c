package dev.tern.load.sink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python's smtplib, a client nobody here wrote, sends through ESMTP, plain HELO and STARTTLS. */
class PythonSmtplibTest {

  private static final String CLIENT = """
      import smtplib, ssl, sys
      port, mode, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
      message = "From: a@example.org\\r\\nTo: b@example.org\\r\\nSubject: test\\r\\n\\r\\n" + "x" * 1000 + "\\r\\n"
      with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
          if mode == "helo":
              print("helo", s.helo("client.example.org")[0])
          else:
              s.ehlo("client.example.org")
              print("pipelining", s.has_extn("pipelining"), "chunking", s.has_extn("chunking"),
                    "size", s.esmtp_features.get("size"), "starttls", s.has_extn("starttls"))
          if mode == "starttls":
              context = ssl.create_default_context()
              context.check_hostname = False
              context.verify_mode = ssl.CERT_NONE
              print("starttls", s.starttls(context=context)[0], s.sock.version())
              s.ehlo("client.example.org")
              print("after tls starttls", s.has_extn("starttls"))
          for i in range(count):
              refused = s.sendmail("a@example.org", ["b@example.org", "c@example.org"], message)
              assert refused == {}, refused
          print("sent", count)
      """;

  @TempDir
  Path dir;

  private SinkFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void anEsmtpClientSeesTheExtensionsAndEveryMessageIsAccepted() throws Exception {
    fixture = SinkFixture.start(SinkOptions.defaults().withLimits(1_000_000, 100, Duration.ofMinutes(5), 10));
    String output = ExternalTools.python(dir, CLIENT, fixture.port(), "ehlo", 20).assertOk().output();
    assertTrue(output.contains("pipelining True chunking True size 1000000 starttls False"), output);
    assertTrue(output.contains("sent 20"), output);
    SinkStats stats = fixture.stats();
    assertEquals(20, stats.messagesAccepted());
    assertEquals(20, stats.transactions());
    assertEquals(40, stats.recipients());
    assertTrue(stats.bytes() > 20 * 1000, "bytes " + stats.bytes());
  }

  @Test
  void aHeloClientWithoutExtensionsIsServedToo() throws Exception {
    fixture = SinkFixture.start();
    String output = ExternalTools.python(dir, CLIENT, fixture.port(), "helo", 5).assertOk().output();
    assertTrue(output.contains("helo 250"), output);
    assertEquals(5, fixture.stats().messagesAccepted());
  }

  @Test
  void startTlsWithTheSelfSignedCertificateThenSend() throws Exception {
    fixture = SinkFixture.start(SinkOptions.defaults().withTls(true, null, null));
    String output = ExternalTools.python(dir, CLIENT, fixture.port(), "starttls", 5).assertOk().output();
    assertTrue(output.contains("starttls True"), output);
    assertTrue(output.contains("starttls 220 TLSv1."), output);
    assertTrue(output.contains("after tls starttls False"), output);
    assertEquals(5, fixture.stats().messagesAccepted());
  }
}
