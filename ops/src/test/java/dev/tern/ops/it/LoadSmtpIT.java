package dev.tern.ops.it;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tern load smtp`, run from the jar as a separate process, against a real `tern serve`: every message it counts
 * as accepted is in the recipient's mailbox, and every end-of-data latency is in its JSON report.
 */
class LoadSmtpIT {

  static final String PASSWORD = "tern load it secret";

  @TempDir
  static Path tmp;
  static TernProcess tern;

  @BeforeAll
  static void startTern() throws Exception {
    tern = TernProcess.on(tmp.resolve("data"));
    Files.createDirectories(tern.data);
    for (String user : List.of("loadmx", "loadsub", "loadtls")) {
      TernProcess.Result added = tern.run(PASSWORD + "\n", "user", "add", user + "@localhost", "--password-stdin");
      assertEquals(0, added.exitCode(), added.output());
    }
    tern.start();
  }

  @AfterAll
  static void stopTern() throws Exception {
    if (tern != null && tern.alive()) {
      assertFalse(tern.logText().contains("has been blocked"), "no blocked event loop:\n" + tern.logText());
      assertEquals(0, tern.terminate(), "graceful exit on SIGTERM:\n" + tern.logText());
    }
  }

  private static JsonObject load(Path report, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", TernProcess.JAR.toString(), "load", "smtp"));
    command.addAll(List.of(args));
    command.addAll(List.of("--report", report.toString()));
    Tools.Run run = Tools.run(command, "");
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("connection errors 0"), run.output());
    return new JsonObject(Files.readString(report));
  }

  /** Polls until the mailbox holds {@code expected} messages (local delivery follows the 250 shortly). */
  private static long awaitMailbox(String user, long expected) throws IOException, InterruptedException {
    Path maildir = tern.data.resolve("mail").resolve("localhost").resolve(user);
    Instant deadline = Instant.now().plusSeconds(60);
    long count = 0;
    while (Instant.now().isBefore(deadline)) {
      count = 0;
      for (String folder : List.of("new", "cur")) {
        Path dir = maildir.resolve(folder);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            count += files.count();
          }
        }
      }
      if (count >= expected) {
        return count;
      }
      Thread.sleep(100);
    }
    return count;
  }

  private static long phase(JsonObject report, String name) {
    return report.getJsonObject("phases").getJsonObject(name).getLong("count");
  }

  @Test
  void twoHundredMessagesOnTheMxPortAllArrive() throws Exception {
    double before = tern.metric("tern_smtp_messages_accepted_total");
    JsonObject report = load(tmp.resolve("mx.json"), "--target", "127.0.0.1:" + tern.smtpPort, "--sessions", "10",
        "--messages", "200", "--size", "4k:80,64k:20", "--from", "sender@client.example", "--to", "loadmx@localhost");

    assertEquals(new JsonObject().put("issued", 200).put("ok", 200).put("temporary", 0).put("permanent", 0)
        .put("connectionErrors", 0), report.getJsonObject("operations"));
    assertEquals(200, phase(report, "eod"));
    assertEquals(200, phase(report, "operation"));
    assertEquals(200, tern.metric("tern_smtp_messages_accepted_total") - before);
    assertEquals(200, awaitMailbox("loadmx", 200), "every accepted message is in the mailbox");
  }

  @Test
  void submissionWithStartTlsAuthAndPipelining() throws Exception {
    JsonObject report = load(tmp.resolve("submission.json"), "--target", "127.0.0.1:" + tern.submissionPort,
        "--sessions", "5", "--messages", "100", "--tls", "--auth", "loadsub@localhost:" + PASSWORD, "--pipelining",
        "--from", "loadsub@localhost", "--to", "loadsub@localhost");

    assertEquals(100, report.getJsonObject("operations").getLong("ok"));
    assertEquals(100, report.getJsonObject("operations").getLong("issued"));
    assertEquals(100, phase(report, "eod"));
    assertEquals(5, phase(report, "starttls"));
    assertEquals(5, phase(report, "auth"));
    assertEquals(10, phase(report, "ehlo"), "EHLO again after STARTTLS");
    assertEquals(100, awaitMailbox("loadsub", 100));
  }

  @Test
  void submissionsWithImplicitTlsOverIpv6() throws Exception {
    JsonObject report = load(tmp.resolve("submissions.json"), "--target", "[::1]:" + tern.submissionsPort,
        "--sessions", "2", "--messages", "20", "--implicit-tls", "--auth", "loadtls@localhost:" + PASSWORD,
        "--from", "loadtls@localhost", "--to", "loadtls@localhost");

    assertEquals(20, report.getJsonObject("operations").getLong("ok"));
    assertEquals(2, phase(report, "auth"));
    assertEquals(0, phase(report, "starttls"));
    assertEquals(20, awaitMailbox("loadtls", 20));
  }
}
