package dev.tern.delivery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tern.access.RecipientResolution;
import dev.tern.delivery.QueueEntry.Status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class DecisionTest {

  private static final String SENDER = "alice@sender.test";
  private static final DeliveredTo NONE = trace("");

  private static DeliveredTo trace(String block) {
    return DeliveredTo.parse(block.getBytes(StandardCharsets.UTF_8));
  }

  private static RecipientResolution local(List<String> mailboxes, List<String> forwards) {
    return new RecipientResolution(RecipientResolution.Kind.LOCAL, mailboxes, forwards);
  }

  @Test
  void oneMailboxAndNoForwardIsDirect() {
    assertEquals(new Decision.Direct("bob@l.test"),
        Decision.of(SENDER, "info@l.test", local(List.of("bob@l.test"), List.of()), NONE));
  }

  @Test
  void severalMailboxesOrAnyForwardExpandMailboxesFirst() {
    assertEquals(new Decision.Expand(List.of("a@l.test", "b@l.test", "x@r.test")),
        Decision.of(SENDER, "team@l.test", local(List.of("a@l.test", "b@l.test"), List.of("x@r.test")), NONE));
    assertEquals(new Decision.Expand(List.of("x@r.test")),
        Decision.of(SENDER, "fwd@l.test", local(List.of(), List.of("x@r.test")), NONE));
  }

  @Test
  void theAddressAboutToBeAddedAlreadyInTheTraceIsALoop() {
    assertEquals(new Decision.Settled(Status.FAILED, "554 5.4.6 mail forwarding loop for <bob@l.test>"),
        Decision.of(SENDER, "info@l.test", local(List.of("bob@l.test"), List.of()),
            trace("Delivered-To: other@x.test\r\nDelivered-To: Bob@L.test\r\n")));
    assertEquals(new Decision.Settled(Status.FAILED, "554 5.4.6 mail forwarding loop for <fwd@l.test>"),
        Decision.of(SENDER, "fwd@l.test", local(List.of(), List.of("x@r.test")),
            trace("Delivered-To: x@r.test\r\nDelivered-To: fwd@l.test\r\n")));
  }

  @Test
  void theSecondHalfOfAnAliasThatNamesItselfGoesIntoItsMailbox() {
    RecipientResolution keepACopy = local(List.of("alice@l.test", "bob@l.test"), List.of());
    assertEquals(new Decision.Direct("alice@l.test"),
        Decision.of(SENDER, "Alice@l.test", keepACopy, trace("Delivered-To: alice@l.test\r\n")));
    // ... but only straight after its own expansion: further down the trace it is a loop
    assertEquals(Status.FAILED, ((Decision.Settled) Decision.of(SENDER, "alice@l.test", keepACopy,
        trace("Delivered-To: x@r.test\r\nDelivered-To: alice@l.test\r\n"))).status());
  }

  @Test
  void addressesThatWouldBreakAHeaderLineFail() {
    RecipientResolution bob = local(List.of("bob@l.test"), List.of());
    assertEquals(new Decision.Settled(Status.FAILED, "553 5.1.7 sender address unusable in a header line"),
        Decision.of("evil\r\nBcc: x@y.test", "bob@l.test", bob, NONE));
    assertEquals(new Decision.Settled(Status.FAILED, "553 5.1.3 address unusable in a header line: bob??X: y@l.test"),
        Decision.of(SENDER, "bob\r\nX: y@l.test", bob, NONE));
  }

  @Test
  void tooManyHopsFailBeforeAnythingElse() {
    StringBuilder block = new StringBuilder();
    for (int i = 0; i <= DeliveredTo.MAX_LINES; i++) {
      block.append("Delivered-To: hop").append(i).append("@x.test\r\n");
    }
    Decision d = Decision.of(SENDER, "bob@l.test", local(List.of("bob@l.test"), List.of()), trace(block.toString()));
    assertEquals(new Decision.Settled(Status.FAILED,
        "554 5.4.6 mail forwarding loop for <bob@l.test>: 51 Delivered-To lines (limit 50)"), d);
  }
}
