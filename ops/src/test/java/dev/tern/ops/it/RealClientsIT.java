package dev.tern.ops.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients nobody here wrote (Python's smtplib, swaks, curl, Postfix's smtp-source) send to a real `tern serve`
 * process; what they sent is in the queue byte for byte after the Received: header. (Mail for local users is read
 * back from the mailboxes in LocalMailIT.)
 */
class RealClientsIT {

  static final String PASSWORD = "correct horse battery staple";

  @TempDir
  static Path tmp;
  static TernProcess tern;
  static Path message;

  @BeforeAll
  static void startTern() throws Exception {
    tern = TernProcess.on(tmp.resolve("data"));
    Files.createDirectories(tern.data);
    TernProcess.Result added = tern.run(PASSWORD + "\n", "user", "add", "alice@localhost", "--password-stdin");
    assertEquals(0, added.exitCode(), added.output());
    tern.start();
    message = tmp.resolve("message.eml");
    // A line that starts with a dot checks that clients' dot-stuffing is undone exactly once.
    Files.writeString(message, "From: Alice <alice@localhost>\r\nTo: Bob <bob@remote.example>\r\n"
        + "Subject: hello from a real client\r\n\r\nfirst line\r\n.leading dot\r\nlast line\r\n", StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stopTern() throws Exception {
    if (tern != null && tern.alive()) {
      assertEquals(0, tern.terminate(), "graceful exit on SIGTERM:\n" + tern.logText());
    }
  }

  static final String PY_PLAIN = """
      import smtplib, sys
      host, port, path, rcpt = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
      s = smtplib.SMTP(host, port, timeout=30)
      code, _ = s.ehlo('py.client.example')
      assert code == 250
      for ext in ('pipelining', 'size', '8bitmime', 'smtputf8', 'enhancedstatuscodes', 'chunking', 'starttls'):
          assert s.has_extn(ext), ext
      assert not s.has_extn('auth'), 'AUTH must not be offered before TLS'
      s.mail('alice@localhost')
      code, resp = s.rcpt(rcpt)
      assert code == 250, (code, resp)
      code, resp = s.data(open(path, 'rb').read())
      print(code, resp.decode())
      s.quit()
      """;

  static final String PY_SUBMISSION = """
      import smtplib, ssl, sys
      host, port, path, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
      ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
      s = smtplib.SMTP(host, port, timeout=30)
      s.ehlo('py.client.example')
      assert not s.has_extn('auth'), 'AUTH must not be offered in plaintext'
      code, resp = s.docmd('AUTH', 'PLAIN AGFsaWNlQGxvY2FsaG9zdABjb3JyZWN0')
      assert code in (530, 538), (code, resp)
      code, resp = s.docmd('MAIL', 'FROM:<alice@localhost>')
      assert code == 530, (code, resp)
      s.starttls(context=ctx)
      s.ehlo('py.client.example')
      assert s.has_extn('auth')
      try:
          s.login(user, 'wrong password')
          raise SystemExit('a wrong password was accepted')
      except smtplib.SMTPAuthenticationError as e:
          assert e.smtp_code == 535, e
      s.login(user, password)
      s.mail(user)
      code, resp = s.rcpt('bob@remote.example')
      assert code == 250, (code, resp)
      code, resp = s.data(open(path, 'rb').read())
      print(code, resp.decode(), s.sock.version())
      s.quit()
      """;

  static final String PY_IMPLICIT_TLS = """
      import smtplib, ssl, sys
      host, port, path, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
      ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
      s = smtplib.SMTP_SSL(host, port, context=ctx, timeout=30)
      s.ehlo('py.client.example')
      assert not s.has_extn('starttls')
      s.login(user, password)
      s.mail(user); s.rcpt('carol@remote.example')
      code, resp = s.data(open(path, 'rb').read())
      print(code, resp.decode(), s.sock.version())
      s.quit()
      """;

  static final String PY_RELAY_DENIED_UNKNOWN_USER = """
      import smtplib, sys
      host, port = sys.argv[1], int(sys.argv[2])
      s = smtplib.SMTP(host, port, timeout=30)
      s.ehlo('py.client.example')
      s.mail('x@client.example')
      code, resp = s.rcpt('nobody@localhost')
      print('unknown', code, resp.decode())
      s.quit()
      """;

  private void assertQueued(Tools.Run run, int count) throws Exception {
    assertQueued(run, count, Files.readString(message, StandardCharsets.US_ASCII));
  }

  private void assertQueued(Tools.Run run, int count, String sent) throws Exception {
    List<String> ids = run.assertOk().queueIds();
    assertEquals(count, ids.size(), run.output());
    for (String id : ids) {
      String stored = StoredMessages.body(tern, id);
      if (stored == null) {
        // Final already: mail for alice@localhost is delivered into her mailbox, and the spool lets go of it.
        assertTrue(inAlicesInbox(sent), "queued message " + id + " is neither in the spool nor in alice's INBOX");
        continue;
      }
      StoredMessages.assertTraceHeaderThenBody(stored, sent);
    }
  }

  /** Whether alice's INBOX holds Return-Path and Delivered-To, one Received: header, then exactly these bytes. */
  private static boolean inAlicesInbox(String sent) throws Exception {
    String local = "Delivered-To: alice@localhost\r\n";
    for (String dir : List.of("new", "cur")) {
      Path folder = tern.data.resolve("mail").resolve("localhost").resolve("alice").resolve(dir);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          String stored = Files.readString(file, StandardCharsets.ISO_8859_1);
          int after = stored.indexOf(local);
          if (stored.startsWith("Return-Path: <") && after > 0 && stored.endsWith(sent)) {
            StoredMessages.assertTraceHeaderThenBody(stored.substring(after + local.length()), sent);
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void pythonSmtplibOverIpv4AndIpv6() throws Exception {
    // Remote recipients: their mail stays queued (the test DNS never answers), so it can be read back.
    assertQueued(Tools.python(tmp, PY_PLAIN, "127.0.0.1", "" + tern.smtpPort, message.toString(), "gina@remote.example"), 1);
    assertQueued(Tools.python(tmp, PY_PLAIN, "::1", "" + tern.smtpPort, message.toString(), "hank@remote.example"), 1);
    // Trusted network (loopback) may relay on the MX port.
    assertQueued(Tools.python(tmp, PY_PLAIN, "127.0.0.1", "" + tern.smtpPort, message.toString(), "dave@remote.example"), 1);
  }

  @Test
  void pythonSmtplibStartTlsAuthOnSubmission() throws Exception {
    Tools.Run run = Tools.python(tmp, PY_SUBMISSION, "127.0.0.1", "" + tern.submissionPort, message.toString(),
        "alice@localhost", PASSWORD);
    assertQueued(run, 1);
    assertTrue(run.output().contains("TLSv1.3") || run.output().contains("TLSv1.2"), run.output());
  }

  @Test
  void pythonSmtplibImplicitTls() throws Exception {
    assertQueued(Tools.python(tmp, PY_IMPLICIT_TLS, "::1", "" + tern.submissionsPort, message.toString(),
        "alice@localhost", PASSWORD), 1);
  }

  @Test
  void unknownLocalUserIsRefusedWith550() throws Exception {
    Tools.Run run = Tools.python(tmp, PY_RELAY_DENIED_UNKNOWN_USER, "127.0.0.1", "" + tern.smtpPort).assertOk();
    assertTrue(run.output().contains("unknown 550 5.1.1"), run.output());
  }

  @Test
  void swaksPipelinedAndWithStartTlsAuth() throws Exception {
    Tools.require("swaks");
    // swaks ends what it sends with one blank line of its own before the final dot.
    String sent = Files.readString(message, StandardCharsets.US_ASCII) + "\r\n";
    assertQueued(Tools.run(List.of("swaks", "--server", "127.0.0.1", "--port", "" + tern.smtpPort, "--pipeline",
        "--from", "alice@localhost", "--to", "ivy@remote.example", "--data", "@" + message), ""), 1, sent);
    assertQueued(Tools.run(List.of("swaks", "--server", "127.0.0.1", "--port", "" + tern.submissionPort, "--tls",
        "--auth", "PLAIN", "--auth-user", "alice@localhost", "--auth-password", PASSWORD,
        "--from", "alice@localhost", "--to", "erin@remote.example", "--data", "@" + message), ""), 1, sent);
    assertQueued(Tools.run(List.of("swaks", "--server", "127.0.0.1", "--port", "" + tern.submissionPort, "--tls",
        "--auth", "LOGIN", "--auth-user", "alice@localhost", "--auth-password", PASSWORD,
        "--from", "alice@localhost", "--to", "erin@remote.example", "--data", "@" + message), ""), 1, sent);
  }

  @Test
  void curlSmtpPlainAndStartTls() throws Exception {
    Tools.require("curl");
    assertQueued(Tools.run(List.of("curl", "-sS", "-v", "--url", "smtp://127.0.0.1:" + tern.smtpPort + "/curl.example",
        "--mail-from", "alice@localhost", "--mail-rcpt", "jack@remote.example", "--upload-file", message.toString()), ""), 1);
    assertQueued(Tools.run(List.of("curl", "-sS", "-v", "--ssl-reqd", "-k",
        "--url", "smtp://[::1]:" + tern.submissionPort + "/curl.example", "--user", "alice@localhost:" + PASSWORD,
        "--mail-from", "alice@localhost", "--mail-rcpt", "frank@remote.example", "--upload-file", message.toString()), ""), 1);
  }

  @Test
  void postfixSmtpSourceBurst() throws Exception {
    Tools.require("smtp-source");
    double before = tern.metric("tern_smtp_messages_accepted_total");
    Tools.run(List.of("smtp-source", "-s", "10", "-m", "200", "-l", "4096", "-f", "load@client.example",
        "-t", "alice@localhost", "127.0.0.1:" + tern.smtpPort), "").assertOk();
    double after = tern.metric("tern_smtp_messages_accepted_total");
    assertEquals(200, after - before, "every smtp-source message was accepted");
  }
}
