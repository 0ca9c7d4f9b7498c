package dev.tern.load.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsAndUnitsTest {

  private static final Duration T = Duration.ofSeconds(30);
  private static final Duration P = Duration.ofSeconds(5);

  private static String refusal(Runnable build) {
    return assertThrows(IllegalArgumentException.class, build::run).getMessage();
  }

  @Test
  void runSettingsRefuseWhatCannotRun() {
    assertEquals("a run needs an operation count, a duration, or both",
        refusal(() -> new RunSettings(1, 0, null, 0, T, P)));
    assertEquals("sessions must be at least 1, not 0", refusal(() -> new RunSettings(0, 10, null, 0, T, P)));
    assertTrue(refusal(() -> new RunSettings(1, -1, null, 0, T, P)).contains("negative"));
    assertTrue(refusal(() -> new RunSettings(1, 10, Duration.ZERO, 0, T, P)).contains("duration must be positive"));
    assertTrue(refusal(() -> new RunSettings(1, 10, null, -5, T, P)).contains("rate"));
    assertTrue(refusal(() -> new RunSettings(1, 10, null, Double.NaN, T, P)).contains("rate"));
    assertTrue(refusal(() -> new RunSettings(1, 10, null, 0, Duration.ZERO, P)).contains("timeout"));

    RunSettings open = new RunSettings(3, 0, Duration.ofSeconds(60), 250, T, P);
    assertTrue(open.openLoop());
    assertEquals(4_000_000.0, open.intervalNanos());
    assertFalse(RunSettings.closedLoop(1, 1, T).openLoop());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(250), Units.parseDuration("250ms"));
    assertEquals(Duration.ofSeconds(30), Units.parseDuration("30s"));
    assertEquals(Duration.ofSeconds(30), Units.parseDuration("30"));
    assertEquals(Duration.ofMillis(1500), Units.parseDuration("1.5s"));
    assertEquals(Duration.ofMinutes(5), Units.parseDuration("5m"));
    assertEquals(Duration.ofHours(2), Units.parseDuration("2H"));
    for (String bad : new String[] {"", "s", "-1s", "10x", "1 s", "0s", "0.1ms", "9999h"}) {
      assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(bad), bad);
    }
    assertTrue(refusal(() -> Units.parseDuration("10x")).contains("examples: 500ms, 30s, 5m, 1h"));

    assertEquals("850ms", Units.format(Duration.ofMillis(850)));
    assertEquals("12.5s", Units.format(Duration.ofMillis(12_500)));
    assertEquals("3m05s", Units.format(Duration.ofSeconds(185)));
    assertEquals("1h02m", Units.format(Duration.ofMinutes(62)));
  }

  @Test
  void sizes() {
    assertEquals(4096, Units.parseSize("4096"));
    assertEquals(4096, Units.parseSize("4k"));
    assertEquals(4096, Units.parseSize("4K"));
    assertEquals(4096, Units.parseSize("4kb"));
    assertEquals(1_572_864, Units.parseSize("1.5m"));
    assertEquals(1L << 30, Units.parseSize("1g"));
    for (String bad : new String[] {"", "k", "0", "-4k", "4t", "4 k", "2048g"}) {
      assertThrows(IllegalArgumentException.class, () -> Units.parseSize(bad), bad);
    }
    assertTrue(refusal(() -> Units.parseSize("4x")).contains("examples: 4096, 4k, 1m"));
  }

  @Test
  void rates() {
    assertEquals(200.0, Units.parseRate("200"));
    assertEquals(12.5, Units.parseRate("12.5/s"));
    for (String bad : new String[] {"", "0", "-3", "fast", "10/m"}) {
      assertThrows(IllegalArgumentException.class, () -> Units.parseRate(bad), bad);
    }
  }

  @Test
  void targets() {
    assertEquals(new Target("127.0.0.1", 2525), Target.parse("127.0.0.1:2525"));
    assertEquals(new Target("::1", 25), Target.parse("[::1]:25"));
    assertEquals(new Target("mx.example", 587), Target.parse("mx.example:587"));
    assertEquals("[::1]:25", Target.parse("[::1]:25").toString());
    assertTrue(refusal(() -> Target.parse("::1:25")).contains("brackets"));
    assertTrue(refusal(() -> Target.parse("localhost")).contains("host:port"));
    assertTrue(refusal(() -> Target.parse("localhost:")).contains("host:port"));
    assertTrue(refusal(() -> Target.parse("localhost:smtp")).contains("not a port"));
    assertTrue(refusal(() -> Target.parse("localhost:70000")).contains("out of range"));
    assertTrue(refusal(() -> Target.parse(":25")).contains("host:port"));

    assertTrue(Target.parse("127.0.0.1:25").loopback());
    assertTrue(Target.parse("127.1.2.3:25").loopback());
    assertTrue(Target.parse("[::1]:25").loopback());
    assertTrue(Target.parse("LOCALHOST:25").loopback());
    assertFalse(Target.parse("10.0.0.1:25").loopback());
    assertFalse(Target.parse("mx.example:25").loopback());
  }

  @Test
  void credentialsNeverPrintThePassword() {
    Credentials credentials = Credentials.parse("alice@localhost:pass:with:colons");
    assertEquals("alice@localhost", credentials.user());
    assertEquals("pass:with:colons", credentials.password());
    assertEquals("alice@localhost:***", credentials.toString());
    assertThrows(IllegalArgumentException.class, () -> Credentials.parse("no-colon"));
    assertThrows(IllegalArgumentException.class, () -> Credentials.parse(":password"));
  }
}
