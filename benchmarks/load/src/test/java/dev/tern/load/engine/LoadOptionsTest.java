package dev.tern.load.engine;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadOptionsTest {

  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @Mixin
    LoadOptions load;
    @Mixin
    SecurityOptions security;
    @CommandLine.Option(names = "--count")
    Long count;
    RunSettings settings;

    @Override
    public Integer call() {
      security.validate(load.target());
      settings = load.settings(count, 1000);
      return 0;
    }
  }

  private record Parsed(int exitCode, Probe probe, String err) {}

  private static Parsed parse(String... args) {
    Probe probe = new Probe();
    StringWriter err = new StringWriter();
    int code = new CommandLine(probe).setErr(new PrintWriter(err)).execute(args);
    return new Parsed(code, probe, err.toString());
  }

  @Test
  void defaultsMakeAClosedLoopOfTheDefaultCount() {
    Parsed parsed = parse("--target", "127.0.0.1:2525");
    assertEquals(0, parsed.exitCode(), parsed.err());
    RunSettings settings = parsed.probe().settings;
    assertEquals(10, settings.sessions());
    assertEquals(1000, settings.operations());
    assertNull(settings.duration());
    assertEquals(0, settings.ratePerSecond());
    assertEquals(Duration.ofSeconds(30), settings.operationTimeout());
  }

  @Test
  void aDurationAloneMeansNoCountLimit() {
    Parsed parsed = parse("--target", "[::1]:25", "--duration", "2m", "--rate", "50/s", "--sessions", "3");
    RunSettings settings = parsed.probe().settings;
    assertEquals(0, settings.operations());
    assertEquals(Duration.ofMinutes(2), settings.duration());
    assertEquals(50.0, settings.ratePerSecond());
    assertEquals(3, settings.sessions());

    Parsed both = parse("--target", "[::1]:25", "--duration", "2m", "--count", "70");
    assertEquals(70, both.probe().settings.operations());
  }

  @Test
  void badValuesAreUsageErrorsThatSayWhy() {
    Parsed noTarget = parse();
    assertEquals(2, noTarget.exitCode());
    assertTrue(noTarget.err().contains("--target"), noTarget.err());

    Parsed badTarget = parse("--target", "::1:25");
    assertEquals(2, badTarget.exitCode());
    assertTrue(badTarget.err().contains("write an IPv6 address in brackets"), badTarget.err());

    Parsed badRate = parse("--target", "h:1", "--rate", "0");
    assertEquals(2, badRate.exitCode());
    assertTrue(badRate.err().contains("not a rate"), badRate.err());

    Parsed badDuration = parse("--target", "h:1", "--duration", "soon");
    assertEquals(2, badDuration.exitCode());
    assertTrue(badDuration.err().contains("not a duration"), badDuration.err());

    Parsed noSessions = parse("--target", "h:1", "--sessions", "0");
    assertEquals(2, noSessions.exitCode());
    assertTrue(noSessions.err().contains("sessions must be at least 1"), noSessions.err());
  }

  @Test
  void credentialsStayOffPlaintextConnectionsToOtherMachines() {
    Parsed remote = parse("--target", "192.0.2.1:587", "--auth", "alice:secret");
    assertEquals(2, remote.exitCode());
    assertTrue(remote.err().contains("refusing to send the --auth password in plaintext to 192.0.2.1:587"),
        remote.err());
    assertTrue(!remote.err().contains("secret"), "the password is not echoed");

    assertEquals(0, parse("--target", "192.0.2.1:587", "--auth", "alice:secret", "--tls").exitCode());
    assertEquals(0, parse("--target", "192.0.2.1:465", "--auth", "alice:secret", "--implicit-tls").exitCode());
    assertEquals(0, parse("--target", "192.0.2.1:587", "--auth", "alice:secret", "--allow-plaintext-auth")
        .exitCode());
    assertEquals(0, parse("--target", "127.0.0.1:587", "--auth", "alice:secret").exitCode());

    Parsed both = parse("--target", "127.0.0.1:587", "--tls", "--implicit-tls");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("exclude each other"), both.err());
  }
}
