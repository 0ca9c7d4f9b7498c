package dev.tern.ops.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the external mail clients the integration tests use (python3, swaks, curl, smtp-source). */
final class Tools {

  private static final Pattern QUEUED = Pattern.compile("queued as ([A-Za-z0-9]+)");

  private Tools() {}

  record Run(int exitCode, String output) {
    /** Every queue id the output mentions, in order. */
    List<String> queueIds() {
      List<String> ids = new ArrayList<>();
      Matcher m = QUEUED.matcher(output);
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }

    Run assertOk() {
      assertEquals(0, exitCode, output);
      return this;
    }
  }

  /**
   * The tool must be present: scripts/test.sh installs it. Outside CI a developer without it gets a skipped test
   * rather than a false failure; CI (CI=true) always fails on a missing tool.
   */
  static void require(String tool) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/sbin", tool))
        || onPath(tool);
    if (System.getenv("CI") != null) {
      assertTrue(present, tool + " is not installed (scripts/test.sh installs it)");
    }
    assumeTrue(present, tool + " is not installed; run scripts/test.sh");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static Run run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish:\n" + out);
    }
    return new Run(p.exitValue(), out);
  }

  static Run python(Path dir, String script, String... args) throws IOException, InterruptedException {
    require("python3");
    Path file = Files.createTempFile(dir, "client", ".py");
    Files.writeString(file, script);
    List<String> cmd = new ArrayList<>(List.of("python3", file.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, "");
  }
}
