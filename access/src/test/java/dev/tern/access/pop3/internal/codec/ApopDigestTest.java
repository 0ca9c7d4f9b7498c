package dev.tern.access.pop3.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApopDigestTest {

  private static final String RFC_TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";
  private static final byte[] RFC_SECRET = "tanstaaf".getBytes(StandardCharsets.US_ASCII);

  @Test
  void rfc1939Example() {
    assertEquals("c4c9334bac560ecc979e58001b3e22fb", ApopDigest.expected(RFC_TIMESTAMP, RFC_SECRET));
    assertTrue(ApopDigest.matches(RFC_TIMESTAMP, RFC_SECRET, "c4c9334bac560ecc979e58001b3e22fb"));
  }

  @Test
  void wrongSecretTimestampOrDigestFails() {
    assertFalse(ApopDigest.matches(RFC_TIMESTAMP, "tanstaaF".getBytes(StandardCharsets.US_ASCII),
        "c4c9334bac560ecc979e58001b3e22fb"));
    assertFalse(ApopDigest.matches("<1897.697170952@dbc.mtview.ca.us>", RFC_SECRET,
        "c4c9334bac560ecc979e58001b3e22fb"));
    assertFalse(ApopDigest.matches(RFC_TIMESTAMP, RFC_SECRET, "c4c9334bac560ecc979e58001b3e22fa"));
    assertFalse(ApopDigest.matches(RFC_TIMESTAMP, RFC_SECRET, ""));
  }

  @Test
  void parsedApopCommandDigestMatches() {
    Pop3ParseResult result = Pop3CommandParser.parse(
        Buffer.buffer("APOP mrose C4C9334BAC560ECC979E58001B3E22FB"));
    Pop3Command.Apop apop = (Pop3Command.Apop) ((Pop3ParseResult.Parsed) result).command();
    assertTrue(ApopDigest.matches(RFC_TIMESTAMP, RFC_SECRET, apop.digest()));
  }

  @Test
  void timestampsAreUniqueAndMsgIdShaped() {
    String a = ApopDigest.newTimestamp("mx.example.org", 1000);
    String b = ApopDigest.newTimestamp("mx.example.org", 1000);
    assertNotEquals(a, b);
    assertTrue(a.matches("<[0-9a-f]{24}\\.1000@mx\\.example\\.org>"), a);
  }
}
