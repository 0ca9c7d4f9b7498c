package dev.tern.load.sink;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tern load sink` through picocli, as scripts use it. */
class SinkCommandTest {

  private static final Pattern LISTENING = Pattern.compile("sink listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  /** The command running on its own thread, with its output captured. */
  private static final class Running {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
    final Thread thread;

    Running(String... args) {
      CommandLine cli = new CommandLine(new SinkCommand());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      thread = new Thread(() -> exitCode.set(cli.execute(args)), "sink-command");
      thread.start();
    }

    int port() throws InterruptedException {
      SinkFixture.awaitCondition("the listening line", () -> LISTENING.matcher(out.toString()).find()
          || exitCode.get() != Integer.MIN_VALUE);
      Matcher m = LISTENING.matcher(out.toString());
      assertTrue(m.find(), "out: " + out + "\nerr: " + err);
      assertTrue(out.toString().startsWith(m.group()), "the listening line comes first: " + out);
      return Integer.parseInt(m.group(1));
    }

    int exitCode() throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(30));
      assertTrue(!thread.isAlive(), "the command did not stop; out: " + out);
      return exitCode.get();
    }
  }

  private static int run(String... args) {
    CommandLine cli = new CommandLine(new SinkCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  private static void sendMessages(int port, int count) throws Exception {
    try (RawSmtpClient client = RawSmtpClient.connect(port)) {
      client.hello();
      for (int i = 0; i < count; i++) {
        assertEquals("250 2.1.0 Sender ok", client.command("MAIL FROM:<a@example.org>"));
        assertEquals("250 2.1.5 Recipient ok", client.command("RCPT TO:<b@example.org>"));
        assertTrue(client.command("DATA").startsWith("354"));
        assertEquals("250 2.0.0 Ok: message accepted", client.command("Subject: " + i + "\r\n\r\nbody\r\n."));
      }
    }
  }

  @Test
  void exitAfterPrintsTheListeningLineThenTheTotalsAndWritesTheReport() throws Exception {
    Path report = dir.resolve("sink.json");
    Running sink = new Running("--port", "0", "--exit-after", "5", "--quiet", "--report", report.toString());
    sendMessages(sink.port(), 5);
    assertEquals(0, sink.exitCode(), "err: " + sink.err);
    String out = sink.out.toString();
    assertTrue(out.contains("sink stopped by --exit-after 5"), out);
    assertTrue(out.contains("messages accepted  5 "), out);
    assertTrue(out.contains("transactions       5"), out);
    JsonObject json = new JsonObject(Files.readString(report));
    assertEquals(5, json.getLong("messagesAccepted"));
    assertEquals(1, json.getLong("sessions"));
    assertEquals(5, json.getLong("transactions"));
    assertEquals(5, json.getLong("recipients"));
    assertEquals(0, json.getLong("temporaryFailuresInjected"));
    assertEquals(0, json.getLong("permanentFailuresInjected"));
    assertEquals(0, json.getLong("fsyncs"));
    assertTrue(json.getLong("bytes") > 0);
    assertTrue(json.containsKey("peakMessagesPerSecond"));
  }

  @Test
  void theCountFileFollowsTheAcceptedMessages() throws Exception {
    Path count = dir.resolve("sink.count");
    Running sink = new Running("--port", "0", "--quiet", "--count-file", count.toString(), "--exit-after", "7");
    int port = sink.port();
    SinkFixture.awaitCondition("the count file", () -> read(count).equals("0"));
    sendMessages(port, 3);
    SinkFixture.awaitCondition("3 in the count file", () -> read(count).equals("3"));
    sendMessages(port, 4);
    assertEquals(0, sink.exitCode(), "err: " + sink.err);
    assertEquals("7", read(count), "the final count is written when the sink stops");
    assertTrue(!Files.exists(dir.resolve("sink.count.tmp")), "no temporary file left");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (java.io.IOException missing) {
      return "";
    }
  }

  @Test
  void durationStopsItByItself() throws Exception {
    Running sink = new Running("--port", "0", "--duration", "500ms", "--quiet");
    sink.port();
    assertEquals(0, sink.exitCode());
    assertTrue(sink.out.toString().contains("sink stopped by --duration"), sink.out.toString());
  }

  @Test
  void progressGoesToStderrEveryFiveSecondsUnlessQuiet() throws Exception {
    Running sink = new Running("--port", "0", "--duration", "6s");
    sendMessages(sink.port(), 2);
    assertEquals(0, sink.exitCode());
    assertTrue(sink.err.toString().matches("(?s)sink: 2 messages accepted, \\d+/s, \\d+ sessions open\\R"),
        "err: " + sink.err);
    assertTrue(sink.out.toString().contains("messages accepted  2 "), sink.out.toString());
  }

  @Test
  void anUnreadableCertificateExitsWith1() throws Exception {
    Running sink = new Running("--port", "0", "--quiet", "--tls", "--cert", dir.resolve("missing.pem").toString(),
        "--key", dir.resolve("missing.key").toString());
    assertEquals(1, sink.exitCode());
    assertTrue(sink.err.toString().contains("sink: cannot start"), sink.err.toString());
  }

  @Test
  void wrongUsageExitsWith2() {
    assertEquals(2, run("--port", "0", "--no-such-option"));
    assertEquals(2, run("--exit-after", "5"));
    assertEquals(2, run("--port", "0", "--temp-fail", "0.7", "--perm-fail", "0.5"));
    assertEquals(2, run("--port", "0", "--temp-fail", "ten"));
    assertEquals(2, run("--port", "0", "--fail-at", "mail"));
    assertEquals(2, run("--port", "0", "--max-size", "10x"));
    assertEquals(2, run("--port", "0", "--cert", "c.pem", "--key", "k.pem"));
    assertEquals(2, run("--port", "0", "--exit-after", "0"));
    assertEquals(2, run("--port", "70000"));
  }

  @Test
  void aPortInUseExitsWith1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Running sink = new Running("--port", String.valueOf(taken.getLocalPort()), "--quiet");
      assertEquals(1, sink.exitCode());
      assertTrue(sink.err.toString().contains("sink: cannot start"), sink.err.toString());
    }
  }

  @Test
  void sigtermIsACleanStopWithTotals() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        SinkCommandMain.class.getName(), "--port", "0", "--quiet"))
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      Matcher m = LISTENING.matcher(first == null ? "" : first);
      assertTrue(m.matches(), "first line: " + first);
      sendMessages(Integer.parseInt(m.group(1)), 3);
      // Process.destroy() would send SIGTERM too, but it also closes our end of the output pipe.
      assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor());
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the sink did not stop on SIGTERM");
      StringBuilder rest = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        rest.append(line).append('\n');
      }
      assertEquals(0, process.exitValue(), rest.toString());
      assertTrue(rest.toString().contains("sink stopped by SIGTERM"), rest.toString());
      assertTrue(rest.toString().contains("messages accepted  3 "), rest.toString());
    } finally {
      process.destroyForcibly();
    }
  }
}
