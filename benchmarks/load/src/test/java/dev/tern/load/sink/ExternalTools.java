package dev.tern.load.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real clients the sink is tested with: python3's smtplib and Postfix's smtp-source. */
final class ExternalTools {

  static final Path SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");

  private ExternalTools() {}

  record Run(int exitCode, String output) {
    Run assertOk() {
      assertEquals(0, exitCode, output);
      return this;
    }
  }

  /**
   * The tool must be installed (scripts/test.sh installs it). Outside CI a missing tool skips the test; in CI
   * (CI set) it fails it.
   */
  static void require(Path tool) {
    boolean present = Files.isExecutable(tool);
    if (System.getenv("CI") != null) {
      assertTrue(present, tool + " is not installed (scripts/test.sh installs it)");
    }
    assumeTrue(present, tool + " is not installed; run scripts/test.sh");
  }

  static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish:\n" + output);
    }
    return new Run(process.exitValue(), output);
  }

  /** Runs a python3 script (written to a file in {@code dir}) with arguments. */
  static Run python(Path dir, String script, Object... args) throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    List<String> command = new ArrayList<>();
    command.add(Files.isExecutable(python) ? python.toString() : "python3");
    Path file = Files.createTempFile(dir, "client", ".py");
    Files.writeString(file, script);
    command.add(file.toString());
    for (Object arg : args) {
      command.add(String.valueOf(arg));
    }
    return run(command);
  }

  /** smtp-source against the sink: {@code messages} messages of about {@code size} octets over {@code sessions}. */
  static Run smtpSource(int port, int sessions, int messages, int size) throws IOException, InterruptedException {
    require(SMTP_SOURCE);
    return run(List.of(SMTP_SOURCE.toString(), "-s", String.valueOf(sessions), "-m", String.valueOf(messages),
        "-l", String.valueOf(size), "-f", "sender@example.org", "-t", "rcpt@example.org", "127.0.0.1:" + port));
  }
}
