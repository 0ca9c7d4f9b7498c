package dev.tern.ops.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitsTest {

  @Test
  void durations() {
    assertEquals(Optional.of(Duration.ofMillis(250)), Units.parseDuration("250ms"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), Units.parseDuration("30s"));
    assertEquals(Optional.of(Duration.ofMinutes(5)), Units.parseDuration(" 5m "));
    assertEquals(Optional.of(Duration.ofHours(2)), Units.parseDuration("2h"));
    assertEquals(Optional.of(Duration.ofDays(1)), Units.parseDuration("1d"));
    for (String bad : new String[] {"", "5", "m", "5 min", "-1s", "1.5s", "99999999999999999999s", "5M"}) {
      assertEquals(Optional.empty(), Units.parseDuration(bad), bad);
    }
  }

  @Test
  void sizes() {
    assertEquals(Optional.of(100L), Units.parseSize("100"));
    assertEquals(Optional.of(512L * 1024), Units.parseSize("512KiB"));
    assertEquals(Optional.of(512L * 1024), Units.parseSize("512k"));
    assertEquals(Optional.of(25L * 1024 * 1024), Units.parseSize("25MB"));
    assertEquals(Optional.of(1024L * 1024 * 1024), Units.parseSize("1 GiB"));
    for (String bad : new String[] {"", "MiB", "1TiB", "-1", "1.5MiB", "99999999999999999G"}) {
      assertEquals(Optional.empty(), Units.parseSize(bad), bad);
    }
  }

  @Test
  void formatting() {
    assertEquals("5m", Units.formatDuration(Duration.ofMinutes(5)));
    assertEquals("90s", Units.formatDuration(Duration.ofSeconds(90)));
    assertEquals("250ms", Units.formatDuration(Duration.ofMillis(250)));
  }
}
