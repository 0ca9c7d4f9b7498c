package dev.tern.load.smtp;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tern load smtp` over real sockets: against Postfix's smtp-sink, a scripted server, and nothing at all. */
@Timeout(120)
class SmtpLoadCommandTest {

  static Vertx vertx;
  @TempDir
  Path tmp;
  ScriptedSmtpServer scripted;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void scripted() {
    scripted = new ScriptedSmtpServer(vertx);
  }

  @AfterEach
  void stopScripted() {
    scripted.close();
  }

  record Run(int exitCode, String out, String err, JsonObject report) {
    JsonObject operations() {
      return report.getJsonObject("operations");
    }

    long phase(String name) {
      return report.getJsonObject("phases").getJsonObject(name).getLong("count");
    }

    String all() {
      return out + "\n" + err;
    }
  }

  private Run run(int port, String... args) throws IOException {
    Path report = Files.createTempFile(tmp, "report", ".json");
    Files.delete(report);
    List<String> all = new ArrayList<>(ScriptedSmtpServer.args(port, args));
    all.addAll(List.of("--report", report.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new SmtpLoadCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    JsonObject json = Files.exists(report) ? new JsonObject(Files.readString(report)) : null;
    return new Run(code, out.toString(), err.toString(), json);
  }

  private static void assertCounts(Run run, long issued, long ok, long temporary, long permanent, long errors) {
    assertEquals(new JsonObject().put("issued", issued).put("ok", ok).put("temporary", temporary)
        .put("permanent", permanent).put("connectionErrors", errors), run.operations(), run.all());
  }

  @Test
  void smtpSinkAcceptsEveryMessageAndEveryLatencyIsRecorded() throws Exception {
    try (SmtpSink sink = SmtpSink.start()) {
      Run run = run(sink.port, "--sessions", "10", "--messages", "200", "--recipients", "2", "--size", "4k:80,64k:20");

      assertEquals(0, run.exitCode(), run.all());
      assertCounts(run, 200, 200, 0, 0, 0);
      assertEquals(200, run.phase("eod"));
      assertEquals(200, run.phase("mail"));
      assertEquals(400, run.phase("rcpt"));
      assertEquals(200, run.phase("data"));
      assertEquals(200, run.phase("operation"));
      assertEquals(10, run.phase("connect"));
      assertEquals(10, run.phase("greeting"));
      assertTrue(run.report().getLong("bytes") >= 200L * 4096, run.report().encode());
      assertTrue(run.out().contains("outcomes       ok 200, refused 4xx 0, refused 5xx 0, connection errors 0"),
          run.out());
    }
  }

  @Test
  void smtpSinkPipelinedAndReconnectingEveryFewMessages() throws Exception {
    try (SmtpSink sink = SmtpSink.start()) {
      Run pipelined = run(sink.port, "--sessions", "4", "--messages", "120", "--pipelining", "--recipients", "3");
      assertEquals(0, pipelined.exitCode(), pipelined.all());
      assertCounts(pipelined, 120, 120, 0, 0, 0);
      assertEquals(120, pipelined.phase("eod"));
      assertEquals(360, pipelined.phase("rcpt"));

      Run reconnecting = run(sink.port, "--sessions", "1", "--messages", "50", "--per-connection", "5");
      assertEquals(0, reconnecting.exitCode(), reconnecting.all());
      assertCounts(reconnecting, 50, 50, 0, 0, 0);
      assertEquals(10, reconnecting.phase("connect"), "a new connection every 5 messages");
    }
  }

  @Test
  void pipeliningIsUsedOnlyWhenAskedForAndOffered() throws Exception {
    int port = scripted.start();
    Run pipelined = run(port, "--sessions", "2", "--messages", "20", "--pipelining", "--recipients", "2");
    assertEquals(0, pipelined.exitCode(), pipelined.all());
    assertTrue(scripted.pipelinedReads.get() > 0, "MAIL, RCPTs and DATA arrived together");

    scripted.pipelinedReads.set(0);
    assertEquals(0, run(port, "--sessions", "2", "--messages", "20").exitCode());
    assertEquals(0, scripted.pipelinedReads.get(), "one command at a time without --pipelining");

    scripted.offerPipelining = false;
    assertEquals(0, run(port, "--sessions", "2", "--messages", "20", "--pipelining").exitCode());
    assertEquals(0, scripted.pipelinedReads.get(), "not offered, not used");
  }

  @Test
  void theServerStoresTheSizeAnnounced() throws Exception {
    int port = scripted.start();
    Run run = run(port, "--sessions", "3", "--messages", "30", "--size", "1k:1,6k:1,20k:1");
    assertEquals(0, run.exitCode(), run.all());
    assertEquals(30, scripted.sizes.size());
    for (long[] size : scripted.sizes) {
      assertEquals(size[0], size[1], "SIZE= matches the octets stored");
    }
    assertEquals(scripted.sizes.stream().mapToLong(s -> s[1]).sum(), run.report().getLong("bytes"));
  }

  @Test
  void refusedRecipientsAreCountedByClassAndResetTheTransaction() throws Exception {
    int port = scripted.start();
    scripted.rcptReply = "452 4.2.2 mailbox full";
    Run temporary = run(port, "--sessions", "2", "--messages", "20");
    assertEquals(3, temporary.exitCode(), temporary.all());
    assertCounts(temporary, 20, 0, 20, 0, 0);
    assertEquals(20, scripted.resets.get());
    assertEquals(0, scripted.messages.get());
    assertTrue(temporary.err().contains("20 of 20 messages not accepted (20 refused 4xx, 0 refused 5xx, 0 connection"
        + " errors)"), temporary.err());

    scripted.rcptReply = "550 5.1.1 no such user";
    Run permanent = run(port, "--sessions", "2", "--messages", "20", "--pipelining");
    assertEquals(3, permanent.exitCode(), permanent.all());
    assertCounts(permanent, 20, 0, 0, 20, 0);
    assertEquals(0, scripted.messages.get());
  }

  @Test
  void endOfDataRefusalsAreTheVerdict() throws Exception {
    int port = scripted.start();
    scripted.endOfDataReply = "451 4.3.0 try later";
    Run temporary = run(port, "--sessions", "2", "--messages", "10");
    assertEquals(3, temporary.exitCode(), temporary.all());
    assertCounts(temporary, 10, 0, 10, 0, 0);
    assertEquals(10, temporary.phase("eod"));

    scripted.endOfDataReply = "554 5.7.1 rejected";
    Run permanent = run(port, "--sessions", "2", "--messages", "10", "--pipelining");
    assertEquals(3, permanent.exitCode(), permanent.all());
    assertCounts(permanent, 10, 0, 0, 10, 0);
    assertEquals(20, scripted.messages.get(), "every message was transferred before the refusal");
  }

  @Test
  void aServerClosingAtTheGreetingCostsAConnectionErrorPerMessage() throws Exception {
    int port = scripted.start();
    scripted.greeting = "421 4.3.2 too busy";
    Run run = run(port, "--sessions", "2", "--messages", "6");
    assertEquals(3, run.exitCode(), run.all());
    assertCounts(run, 6, 0, 0, 0, 6);
    assertEquals(0, run.phase("operation"));
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    int port = scripted.start();
    scripted.silentAfterData = true;
    Run run = run(port, "--sessions", "1", "--messages", "2", "--timeout", "300ms");
    assertEquals(3, run.exitCode(), run.all());
    assertCounts(run, 2, 0, 0, 0, 2);
  }

  @Test
  void anEndlessReplyIsAConnectionError() throws Exception {
    int port = scripted.start();
    scripted.greeting = ScriptedSmtpServer.endlessGreeting();
    Run run = run(port, "--sessions", "1", "--messages", "2");
    assertEquals(3, run.exitCode(), run.all());
    assertCounts(run, 2, 0, 0, 0, 2);
  }

  @Test
  void nothingListeningMeansEveryMessageIsAConnectionErrorAndTheRunEnds() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Run run = run(port, "--sessions", "2", "--messages", "4");
    assertEquals(3, run.exitCode(), run.all());
    assertCounts(run, 4, 0, 0, 0, 4);
    assertTrue(run.out().contains("connection errors 4"), run.out());
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    int port = scripted.start();
    Run badSize = run(port, "--size", "4k,1m");
    assertEquals(2, badSize.exitCode());
    assertTrue(badSize.err().contains("has no weight"), badSize.err());

    Run noRecipients = run(port, "--recipients", "0");
    assertEquals(2, noRecipients.exitCode());
    assertTrue(noRecipients.err().contains("--recipients must be between 1 and 1000"), noRecipients.err());

    Run badAddress = run(port, "--to", "not an address");
    assertEquals(2, badAddress.exitCode());
    assertTrue(badAddress.err().contains("is not a mail address"), badAddress.err());

    Run noMessages = run(port, "--messages", "0");
    assertEquals(2, noMessages.exitCode());
    assertEquals(0, scripted.connections.get(), "nothing was sent");
  }

  @Test
  void plusAddressedRecipientsFillUpTheCount() {
    SmtpLoadCommand command = new SmtpLoadCommand();
    new CommandLine(command).parseArgs("--target", "127.0.0.1:25", "--to", "ann@example.com", "--to",
        "ben@example.org", "--recipients", "4");
    assertEquals(List.of("ann@example.com", "ben@example.org", "ann+3@example.com", "ann+4@example.com"),
        command.recipientList());
  }
}
