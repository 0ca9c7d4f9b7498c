package dev.tern.load.sink;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuantitiesTest {

  @Test
  void durationsHaveUnits() {
    assertEquals(Duration.ofMillis(500), Quantities.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(60), Quantities.parseDuration("60s"));
    assertEquals(Duration.ofMinutes(5), Quantities.parseDuration("5m"));
    assertEquals(Duration.ofHours(1), Quantities.parseDuration("1H"));
    assertThrows(TypeConversionException.class, () -> Quantities.parseDuration("60"));
    assertThrows(TypeConversionException.class, () -> Quantities.parseDuration("-5s"));
  }

  @Test
  void sizesAreOctetsOrPowersOf1024() {
    assertEquals(4096, Quantities.parseSize("4096"));
    assertEquals(64L << 10, Quantities.parseSize("64k"));
    assertEquals(50L << 20, Quantities.parseSize("50m"));
    assertEquals(1L << 30, Quantities.parseSize("1G"));
    assertThrows(TypeConversionException.class, () -> Quantities.parseSize("50mb"));
    assertThrows(TypeConversionException.class, () -> Quantities.parseSize("999999999999999g"));
  }
}
