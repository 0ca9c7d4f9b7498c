package dev.tern.delivery.dsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueId;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeliveryStatusNotificationTest {

  private static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");
  private static final QueueId ID = new QueueId("0195a0b0c0d00001abcd");

  private static Envelope original(String sender, String envid) {
    return new Envelope(sender, List.of("x@dest.test"), Instant.parse("2025-03-01T09:00:00Z"), "192.0.2.9", "c.test",
        null, false, Envelope.BodyType.SEVEN_BIT, envid);
  }

  private static DsnRecipient failed(String address, String reply) {
    return new DsnRecipient(address, DsnRecipient.Action.FAILED, reply, "mx.dest.test", NOW);
  }

  private static String text(DeliveryStatusNotification dsn) {
    return new String(dsn.toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void statusComesFromTheEnhancedCodeOrTheBasicCode() {
    assertEquals("5.1.1", failed("a@b", "550 5.1.1 no such user").status());
    assertEquals("5.0.0", failed("a@b", "554 transaction failed").status());
    assertEquals("4.4.7", failed("a@b", "451 4.4.7 message expired").status());
    assertEquals("5.0.0", failed("a@b", "connection refused").status());
    assertEquals("4.0.0", new DsnRecipient("a@b", DsnRecipient.Action.DELAYED, "", null, NOW).status());
    assertEquals("5.7.1", failed("a@b", "550-5.7.1 first line").status());
  }

  @Test
  void reportCarriesEnvelopeIdArrivalAndCleanDiagnostics() {
    String longReply = "550 5.7.1 " + "x".repeat(5000) + "\r\ninjected: header";
    DeliveryStatusNotification dsn = new DeliveryStatusNotification("mx.tern.test", ID, original("s@src.test", "env-1"),
        List.of(failed("x@dest.test", longReply)), "Subject: hi\r\n".getBytes(StandardCharsets.US_ASCII), NOW);
    String text = text(dsn);
    assertTrue(text.contains("\r\nOriginal-Envelope-Id: env-1\r\n"));
    assertTrue(text.contains("\r\nArrival-Date: Sat, 1 Mar 2025 09:00:00 +0000\r\n"));
    assertTrue(text.contains("\r\nDate: Sun, 2 Mar 2025 10:00:00 +0000\r\n"));
    assertFalse(text.contains("\r\ninjected: header"), "a reply cannot add lines to the report");
    for (String line : text.split("\r\n")) {
      assertTrue(line.length() <= 998);
    }
    assertEquals("", dsn.envelope().sender());
    assertEquals(List.of("s@src.test"), dsn.envelope().recipients());
    assertEquals(Envelope.BodyType.SEVEN_BIT, dsn.envelope().body());
    assertTrue(text.contains("\r\nAuto-Submitted: auto-replied\r\n"));
  }

  @Test
  void utf8AddressesAreTypedAndNeedEightBit() {
    DeliveryStatusNotification dsn = new DeliveryStatusNotification("mx.tern.test", ID, original("s@src.test", null),
        List.of(failed("jürgen@dest.test", "550 5.1.1 nope")), null, NOW);
    String text = text(dsn);
    assertTrue(text.contains("\r\nFinal-Recipient: utf-8; jürgen@dest.test\r\n"));
    assertTrue(text.contains("X-Tern-Note: the original headers could not be read"));
    assertEquals(Envelope.BodyType.EIGHT_BIT_MIME, dsn.envelope().body());
  }

  @Test
  void badInputsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DeliveryStatusNotification("h", ID, original("", null),
        List.of(failed("a@b", "550 x")), null, NOW));
    assertThrows(IllegalArgumentException.class, () -> new DeliveryStatusNotification("h", ID, original("s@s", null),
        List.of(), null, NOW));
    assertThrows(IllegalArgumentException.class, () -> new DeliveryStatusNotification("h", ID, original("s@s", null),
        List.of(failed("a@b", "550 x"), new DsnRecipient("c@d", DsnRecipient.Action.DELAYED, "451 y", null, NOW)),
        null, NOW));
  }

  @Test
  void headerBlockStopsAtTheBlankLineAndAtTheBound() {
    Buffer message = Buffer.buffer("A: 1\r\nB: 2\r\n\r\nbody\r\n");
    assertArrayEquals("A: 1\r\nB: 2\r\n".getBytes(StandardCharsets.US_ASCII), OriginalHeaders.headerBlock(message, 1000));
    assertArrayEquals("A: 1\r\n".getBytes(StandardCharsets.US_ASCII), OriginalHeaders.headerBlock(message, 8),
        "cut at the last whole line within the bound");
    assertArrayEquals(new byte[0], OriginalHeaders.headerBlock(Buffer.buffer("\r\nbody"), 1000));
    assertArrayEquals("A: 1\n".getBytes(StandardCharsets.US_ASCII),
        OriginalHeaders.headerBlock(Buffer.buffer("A: 1\n\nbody"), 1000));
    assertArrayEquals("A: 1\r\n".getBytes(StandardCharsets.US_ASCII),
        OriginalHeaders.headerBlock(Buffer.buffer("A: 1\r\nB: no end"), 1000), "a header-only message keeps whole lines");
  }
}
