package dev.tern.delivery.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class JournalFlagsTest {

  @Test
  void theDelayWarningFlagRoundTripsAndOldRecordsReadWithoutIt() throws Exception {
    PayloadCodec.RecipientStateRecord warned = new PayloadCodec.RecipientStateRecord(new QueueId("q1"), 2,
        QueueEntry.Status.DEFERRED, 3, 12345, "451 later", true);
    byte[] bytes = PayloadCodec.encodeState(warned);
    assertEquals(warned, PayloadCodec.decodeState(bytes));

    // A record from before the flag byte existed ends right after the reply.
    byte[] old = Arrays.copyOf(bytes, bytes.length - 1);
    PayloadCodec.RecipientStateRecord read = PayloadCodec.decodeState(old);
    assertFalse(read.delayWarned());
    assertEquals(3, read.attempts());
    assertEquals("451 later", read.lastReply());

    byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(PayloadCodec.CorruptPayloadException.class, () -> PayloadCodec.decodeState(trailing));
    assertTrue(PayloadCodec.decodeState(bytes).delayWarned());
  }
}
