package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaslResponseTest {

  @Test
  void starCancels() {
    assertInstanceOf(SaslResponse.Cancelled.class, parse("*"));
  }

  @Test
  void equalsIsTheEmptyResponse() {
    SaslResponse.Data data = assertInstanceOf(SaslResponse.Data.class, parse("="));
    assertEquals(0, data.bytes().length);
  }

  @Test
  void decodesBase64() {
    SaslResponse.Data data = assertInstanceOf(SaslResponse.Data.class, parse("AGFsaWNlAHNlY3JldA=="));
    assertArrayEquals("\0alice\0secret".getBytes(StandardCharsets.US_ASCII), data.bytes());
    assertFalse(data.toString().contains("secret"));
    data.wipe();
    assertArrayEquals(new byte[13], data.bytes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|EMPTY_LINE",
      "abc|BAD_ARGUMENT",
      "ab!d|BAD_ARGUMENT",
      "**|BAD_ARGUMENT",
      "A=AA|BAD_ARGUMENT",
      "AGFs aWNl|BAD_ARGUMENT",
      "====|BAD_ARGUMENT"})
  void refusesMalformedLines(String line, Pop3SyntaxError error) {
    assertEquals(error, assertInstanceOf(SaslResponse.Refused.class, parse(line)).error(), line);
  }

  @Test
  void refusesControlCharactersAndEightBit() {
    assertEquals(Pop3SyntaxError.CONTROL_CHARACTER,
        assertInstanceOf(SaslResponse.Refused.class, parse("AA\tA")).error());
    Buffer eightBit = Buffer.buffer("AAA").appendByte((byte) 0xC3);
    assertEquals(Pop3SyntaxError.BAD_ARGUMENT, assertInstanceOf(SaslResponse.Refused.class,
        SaslResponse.parse(eightBit, SaslResponse.DEFAULT_MAX_LINE)).error());
  }

  @Test
  void lengthLimitIncludesCrlf() {
    String fits = "A".repeat(96);
    assertInstanceOf(SaslResponse.Data.class, SaslResponse.parse(Buffer.buffer(fits), 98));
    assertEquals(Pop3SyntaxError.LINE_TOO_LONG, assertInstanceOf(SaslResponse.Refused.class,
        SaslResponse.parse(Buffer.buffer(fits + "AAAA"), 98)).error());
  }

  @Test
  void initialResponseDecodesTheSameWay() {
    assertInstanceOf(SaslResponse.Data.class, SaslResponse.decode("="));
    assertInstanceOf(SaslResponse.Cancelled.class, SaslResponse.decode("*"));
  }

  private static SaslResponse parse(String line) {
    return SaslResponse.parse(Buffer.buffer(line), SaslResponse.DEFAULT_MAX_LINE);
  }
}
