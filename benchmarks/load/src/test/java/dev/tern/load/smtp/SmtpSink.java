package dev.tern.load.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Postfix's smtp-sink on a free loopback port, as a separate process stopped by its PID. */
final class SmtpSink implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/smtp-sink");

  final int port;
  private final Process process;

  private SmtpSink(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts it and waits until it accepts connections; skips the test where Postfix is not installed (not in CI). */
  static SmtpSink start() throws IOException, InterruptedException {
    boolean present = Files.isExecutable(BINARY);
    if (System.getenv("CI") != null) {
      assertTrue(present, "smtp-sink is not installed (scripts/test.sh installs Postfix)");
    }
    assumeTrue(present, "smtp-sink is not installed; run scripts/test.sh");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "nobody"));
    }
    command.addAll(List.of("127.0.0.1:" + port, "256"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    SmtpSink sink = new SmtpSink(port, process);
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      assertTrue(process.isAlive(), "smtp-sink exited with " + (process.isAlive() ? "" : process.exitValue()));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return sink;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    sink.close();
    throw new IllegalStateException("smtp-sink did not start listening on port " + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
