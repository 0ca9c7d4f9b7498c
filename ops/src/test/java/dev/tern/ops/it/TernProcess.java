package dev.tern.ops.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real `tern` process started from the jar the build produced, on free loopback ports, with its own data
 * directory. Integration tests drive it with real clients and may kill it with SIGKILL.
 *
 * <p>Outbound delivery runs in every `tern serve`. Unless a test sets its own {@link #delivering delivery and dns
 * sections}, DNS points at a loopback port where nothing answers, so remote mail is deferred and stays queued
 * (tests of intake read it back) instead of leaving the machine.
 */
final class TernProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "tern.jar").toAbsolutePath();

  final Path data;
  final Path config;
  final Path log;
  final int smtpPort;
  final int submissionPort;
  final int submissionsPort;
  final int httpPort;
  final int pop3Port;
  final int pop3sPort;
  final int imapPort;
  final int imapsPort;
  private String outboundYaml;
  private Process process;

  private TernProcess(Path data, int smtpPort, int submissionPort, int submissionsPort, int httpPort, int pop3Port,
                      int pop3sPort, int imapPort, int imapsPort) {
    this.data = data;
    this.config = data.resolveSibling(data.getFileName() + ".yaml");
    this.log = data.resolveSibling(data.getFileName() + ".log");
    this.smtpPort = smtpPort;
    this.submissionPort = submissionPort;
    this.submissionsPort = submissionsPort;
    this.httpPort = httpPort;
    this.pop3Port = pop3Port;
    this.pop3sPort = pop3sPort;
    this.imapPort = imapPort;
    this.imapsPort = imapsPort;
    this.outboundYaml = String.join("\n",
        "dns:",
        "  servers: [\"127.0.0.1:" + unusedPort() + "\"]",
        "  timeout: 1s",
        "");
  }

  /** Replaces the default delivery and dns config: {@code yaml} holds both top-level sections. */
  TernProcess delivering(String yaml) throws IOException {
    this.outboundYaml = yaml.endsWith("\n") ? yaml : yaml + "\n";
    Files.writeString(config, configYaml());
    return this;
  }

  /** A process description on fresh free ports; nothing runs until {@link #start}. */
  static TernProcess on(Path data) throws IOException {
    int[] ports = freePorts(8);
    TernProcess tern = new TernProcess(data, ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6],
        ports[7]);
    Files.writeString(tern.config, tern.configYaml());
    return tern;
  }

  /** The same data directory and ports, for a restart after a crash. */
  TernProcess again() {
    TernProcess next = new TernProcess(data, smtpPort, submissionPort, submissionsPort, httpPort, pop3Port, pop3sPort,
        imapPort, imapsPort);
    next.outboundYaml = outboundYaml;
    return next;
  }

  TernProcess start(String extraYaml) throws IOException, InterruptedException {
    Files.writeString(config, configYaml() + extraYaml);
    process = command("serve").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    awaitHealthy();
    return this;
  }

  TernProcess start() throws IOException, InterruptedException {
    return start("");
  }

  String configYaml() {
    return String.join("\n",
        "hostname: tern.test",
        "smtp:",
        "  listeners:",
        "    smtp:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + smtpPort,
        "    submission:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + submissionPort,
        "    submissions:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + submissionsPort,
        "pop3:",
        "  listeners:",
        "    pop3:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + pop3Port,
        "    pop3s:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + pop3sPort,
        "imap:",
        "  listeners:",
        "    imap:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + imapPort,
        "    imaps:",
        "      bind: [\"127.0.0.1\", \"::1\"]",
        "      port: " + imapsPort,
        "http:",
        "  port: " + httpPort,
        "") + outboundYaml;
  }

  /** Runs a `tern` subcommand against this data directory and config, feeding {@code stdin}. */
  Result run(String stdin, String... args) throws IOException, InterruptedException {
    Process p = command(args).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("tern " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), out);
  }

  record Result(int exitCode, String output) {}

  private ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--data", data.toString(), "--config", config.toString()));
    return new ProcessBuilder(cmd);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("tern exited with " + process.exitValue() + ":\n" + logText());
      }
      try {
        if (http("/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("tern did not become healthy:\n" + logText());
  }

  HttpResponse<String> http(String path) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10));
    Path token = data.resolve("admin.token");
    if (path.startsWith("/admin") && Files.exists(token)) {
      req.header("Authorization", "Bearer " + Files.readString(token).trim());
    }
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of a Prometheus sample (the sum over its label sets), 0 when absent. */
  double metric(String name) throws IOException, InterruptedException {
    double sum = 0;
    for (String line : http("/metrics").body().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** SIGTERM, then waits for the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("tern did not stop on SIGTERM:\n" + logText());
    }
    return process.exitValue();
  }

  /** SIGKILL: the crash case. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      kill();
    }
  }

  private static int unusedPort() {
    try {
      return freePorts(1)[0];
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
