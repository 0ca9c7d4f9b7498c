package dev.tern.delivery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeliveredToTest {

  private static DeliveredTo parse(String block) {
    return DeliveredTo.parse(block.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void findsEveryLineWhateverItsCaseBracketsOrFolding() {
    DeliveredTo trace = parse("delivered-to: Bob@Local.Test\r\n"
        + "Received: from x\r\n\tby y\r\n"
        + "DELIVERED-TO:<team@local.test>\r\n"
        + "Delivered-To:\r\n folded@local.test\r\n"
        + "Subject: Delivered-To: not@this.one\r\n");
    assertEquals(3, trace.count());
    assertTrue(trace.contains("bob@local.test"));
    assertTrue(trace.contains("TEAM@local.test"));
    assertTrue(trace.contains("folded@local.test"));
    assertFalse(trace.contains("not@this.one"), "a field's value is not a field");
    assertTrue(trace.newestIs("BOB@local.test"));
    assertFalse(trace.newestIs("team@local.test"));
  }

  @Test
  void bareLineFeedsAndAnEmptyBlockWork() {
    assertTrue(parse("Delivered-To: a@b.test\nX: y\n").contains("a@b.test"));
    DeliveredTo none = parse("");
    assertEquals(0, none.count());
    assertFalse(none.newestIs("a@b.test"));
    assertFalse(none.tooMany());
  }

  @Test
  void moreThanTheLimitIsTooMany() {
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < DeliveredTo.MAX_LINES; i++) {
      block.append("Delivered-To: hop").append(i).append("@x.test\r\n");
    }
    assertFalse(parse(block.toString()).tooMany());
    block.append("Delivered-To: one-more@x.test\r\n");
    assertTrue(parse(block.toString()).tooMany());
  }

  @Test
  void anEmptyValueIsIgnored() {
    assertEquals(0, parse("Delivered-To:\r\nDelivered-To: <>\r\n").count());
  }
}
