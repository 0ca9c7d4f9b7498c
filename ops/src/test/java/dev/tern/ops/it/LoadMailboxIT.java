package dev.tern.ops.it;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tern load pop3` and `tern load imap` as an operator runs them: separate processes from the built tern.jar against
 * a real `tern serve` whose mailbox holds exactly {@link #MESSAGES} messages (sent over SMTP, delivered locally).
 * The JSON reports must count exactly: every operation issued and accepted, every message retrieved or fetched, the
 * bytes equal to what the mailbox holds; a wrong password must be refused everywhere with exit code 3; and an idle
 * hold must keep all its connections in IDLE.
 */
class LoadMailboxIT {

  static final int MESSAGES = 50;
  static final String USER = "load@localhost";
  static final String PASSWORD = "tern load mailbox secret";

  @TempDir
  static Path tmp;
  static TernProcess tern;
  /** What the mailbox holds, in octets with CRLF line ends: what POP3 RETR and IMAP BODY[] send. */
  static long mailboxOctets;

  @BeforeAll
  static void startTernAndFillTheMailbox() throws Exception {
    tern = TernProcess.on(tmp.resolve("data"));
    Files.createDirectories(tern.data);
    TernProcess.Result added = tern.run(PASSWORD + "\n", "user", "add", USER, "--password-stdin");
    assertEquals(0, added.exitCode(), added.output());
    tern.start();
    try (RawSmtpClient smtp = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
      for (int n = 1; n <= MESSAGES; n++) {
        smtp.send("sender@client.example", USER, message(n));
      }
    }
    mailboxOctets = awaitMailbox();
  }

  @AfterAll
  static void stopTern() throws Exception {
    if (tern != null && tern.alive()) {
      assertFalse(tern.logText().contains("has been blocked"), "no blocked event loop:\n" + tern.logText());
      assertEquals(0, tern.terminate(), "graceful exit on SIGTERM:\n" + tern.logText());
    }
  }

  /** Message n, sizes growing with n; a dot-stuffed line, so that stuffing is exercised on the way in and out. */
  static String message(int n) {
    StringBuilder b = new StringBuilder("From: Sender <sender@client.example>\r\nTo: " + USER + "\r\nSubject: load "
        + n + "\r\nMessage-ID: <load-" + n + "@client.example>\r\n\r\n..a line that starts with a dot\r\n");
    for (int i = 0; i < n * 5; i++) {
      b.append("line ").append(i).append(" of message ").append(n).append(" abcdefghijklmnopqrstuvwxyz\r\n");
    }
    return b.toString();
  }

  /** Polls the Maildir until it holds every message; returns their total size as POP3/IMAP serve them. */
  static long awaitMailbox() throws IOException, InterruptedException {
    Path inbox = tern.data.resolve("mail/localhost/load");
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      List<Path> files = new ArrayList<>();
      for (String sub : List.of("new", "cur")) {
        if (Files.isDirectory(inbox.resolve(sub))) {
          try (Stream<Path> listed = Files.list(inbox.resolve(sub))) {
            listed.forEach(files::add);
          }
        }
      }
      if (files.size() == MESSAGES) {
        long octets = 0;
        for (Path file : files) {
          octets += Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n")
              .length();
        }
        return octets;
      }
      assertTrue(files.size() < MESSAGES, "more messages than sent: " + files.size());
      assertTrue(Instant.now().isBefore(deadline), "only " + files.size() + " messages delivered:\n"
          + tern.logText());
      Thread.sleep(100);
    }
  }

  /** One `tern load` process: its exit code, stdout, stderr and JSON report. */
  record Load(int exitCode, String out, String err, JsonObject report) {

    long operations(String key) {
      return report.getJsonObject("operations").getLong(key);
    }

    long result(String key) {
      return report.getJsonObject("results").getLong(key);
    }

    long phaseCount(String phase) {
      return report.getJsonObject("phases").getJsonObject(phase).getLong("count");
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  static Load load(String protocol, String... args) throws IOException, InterruptedException {
    Path report = Files.createTempFile(tmp, protocol, ".json");
    Files.delete(report);
    Path stderr = Files.createTempFile(tmp, protocol, ".err");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", TernProcess.JAR.toString(), "load", protocol, "--report", report.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("tern load " + protocol + " did not finish:\n" + out);
    }
    String err = Files.readString(stderr);
    JsonObject json = Files.exists(report) ? new JsonObject(Files.readString(report)) : null;
    Load load = new Load(process.exitValue(), out, err, json);
    assertFalse(err.contains("has been blocked"), "no blocked event loop in tern load:\n" + load);
    return load;
  }

  static String auth() {
    return USER + ":" + PASSWORD;
  }

  // --- POP3 --------------------------------------------------------------------------------------------------------

  @Test
  void pop3RetrievesEveryMessageInEverySession() throws Exception {
    Load run = load("pop3", "--target", "127.0.0.1:" + tern.pop3Port, "--auth", auth(), "--sessions", "1",
        "--operations", "4");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(4, run.operations("issued"));
    assertEquals(4, run.operations("ok"));
    assertEquals(4L * MESSAGES, run.result("retrieved"));
    assertEquals(0, run.result("mismatches"), "every RETR had the size LIST announced");
    assertEquals(4 * mailboxOctets, run.report().getLong("bytes"));
    assertEquals(4L * MESSAGES, run.phaseCount("retr"));
    assertEquals(4, run.phaseCount("login"));
    assertTrue(run.out().matches("(?s).*\ndownloads +4 issued.*"), run.out());
  }

  @Test
  void pop3OverStlsWithAuthPlainAndOverImplicitTls() throws Exception {
    Load stls = load("pop3", "--target", "[::1]:" + tern.pop3Port, "--tls", "--sasl-plain", "--user", USER,
        "--password", PASSWORD, "--sessions", "1", "--operations", "2", "--retr", "10");
    assertEquals(0, stls.exitCode(), stls.toString());
    assertEquals(20, stls.result("retrieved"));
    assertEquals(2, stls.phaseCount("stls"));
    Load implicit = load("pop3", "--target", "127.0.0.1:" + tern.pop3sPort, "--implicit-tls", "--auth", auth(),
        "--sessions", "1", "--operations", "2");
    assertEquals(0, implicit.exitCode(), implicit.toString());
    assertEquals(2L * MESSAGES, implicit.result("retrieved"));
    assertEquals(2 * mailboxOctets, implicit.report().getLong("bytes"));
  }

  @Test
  void pop3WithAWrongPasswordIsRefusedEveryTime() throws Exception {
    Load run = load("pop3", "--target", "127.0.0.1:" + tern.pop3Port, "--auth", USER + ":wrong", "--sessions", "1",
        "--operations", "3");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals(3, run.operations("issued"));
    assertEquals(0, run.operations("ok"));
    assertEquals(3, run.operations("permanent") + run.operations("temporary"), run.toString());
    assertEquals(0, run.result("retrieved"));
    assertTrue(run.out().contains("PASS: -ERR"), run.out());
  }

  // --- IMAP --------------------------------------------------------------------------------------------------------

  @Test
  void imapFetchCyclesFetchExactlyWhatTheyAskFor() throws Exception {
    Load run = load("imap", "--target", "127.0.0.1:" + tern.imapPort, "--auth", auth(), "--sessions", "3",
        "--operations", "30", "--envelopes", "10", "--bodies", "2");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(30, run.operations("issued"));
    assertEquals(30, run.operations("ok"));
    assertEquals(300, run.result("envelopes"));
    assertEquals(60, run.result("bodies"));
    assertTrue(run.report().getLong("bytes") > 0, run.toString());
    assertEquals(30, run.phaseCount("envelopes"));
    assertEquals(30, run.phaseCount("bodies"));
    assertEquals(3, run.phaseCount("select"), "one SELECT per session");
  }

  @Test
  void imapOverStartTlsFetchesTheWholeMailboxWithReselect() throws Exception {
    Load run = load("imap", "--target", "[::1]:" + tern.imapPort, "--tls", "--user", USER, "--password", PASSWORD,
        "--sessions", "2", "--operations", "4", "--envelopes", "all", "--bodies", String.valueOf(MESSAGES),
        "--reselect");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(4L * MESSAGES, run.result("envelopes"));
    assertEquals(4L * MESSAGES, run.result("bodies"));
    assertEquals(4 * mailboxOctets, run.report().getLong("bytes"), "BODY[] is the stored message, byte for byte");
    assertEquals(2, run.phaseCount("starttls"));
    assertEquals(6, run.phaseCount("select"), "one per session and one per cycle");
  }

  @Test
  void imapOverImplicitTlsWithAuthenticatePlain() throws Exception {
    Load run = load("imap", "--target", "127.0.0.1:" + tern.imapsPort, "--implicit-tls", "--sasl-plain", "--auth",
        auth(), "--sessions", "1", "--operations", "5", "--envelopes", "5", "--bodies", "1");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(25, run.result("envelopes"));
    assertEquals(5, run.result("bodies"));
  }

  @Test
  void imapWithAWrongPasswordNeverGetsASession() throws Exception {
    Load run = load("imap", "--target", "127.0.0.1:" + tern.imapPort, "--auth", USER + ":wrong", "--sessions", "1",
        "--operations", "3");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals(3, run.operations("issued"));
    assertEquals(0, run.operations("ok"));
    // A refused LOGIN is a refused session set-up, which the engine counts as a connection error.
    assertEquals(3, run.operations("connectionErrors"), run.toString());
    assertEquals(0, run.result("envelopes"));
    assertTrue(run.out().contains("LOGIN refused: NO"), run.out());
  }

  @Test
  void imapIdleHoldsFiftyConnections() throws Exception {
    Load run = load("imap", "--target", "127.0.0.1:" + tern.imapPort, "--auth", auth(), "--idle", "50", "--hold",
        "2s", "--timeout", "60s");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(50, run.result("reachedIdle"));
    assertEquals(0, run.result("failedToOpen"));
    assertEquals(0, run.result("dropped"));
    assertEquals(50, run.operations("ok"));
    assertEquals(50, run.phaseCount("idle-ack"));
  }
}
