package dev.tern.delivery.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFormatTest {

  @TempDir
  Path dir;

  private final Envelope envelope = new Envelope("", List.of("ü@exämple.net"), Instant.ofEpochSecond(5, 7), null, "helo",
      null, false, null, null);

  @Test
  void messageAndStatePayloadsRoundTrip() throws Exception {
    QueueId id = new QueueId("0123456789abcdef0123");
    byte[] body = {1, 2, 3};
    byte[] payload = PayloadCodec.encodeMessage(new PayloadCodec.MessageHeader(id, envelope, 99, 3, true), body);
    PayloadCodec.MessageHeader header = PayloadCodec.decodeMessage(payload);
    assertEquals(envelope, header.envelope());
    assertEquals(99, header.committedAtMillis());
    assertTrue(Arrays.equals(body, Arrays.copyOfRange(payload, payload.length - 3, payload.length)));

    var state = new PayloadCodec.RecipientStateRecord(id, 0, QueueEntry.Status.DEFERRED, 3, 12345, "451 x");
    assertEquals(state, PayloadCodec.decodeState(PayloadCodec.encodeState(state)));
  }

  @Test
  void corruptPayloadsAreReportedNotThrownAsRuntimeErrors() {
    byte[] payload = PayloadCodec.encodeMessage(
        new PayloadCodec.MessageHeader(new QueueId("x"), envelope, 1, 0, false), null);
    assertThrows(PayloadCodec.CorruptPayloadException.class,
        () -> PayloadCodec.decodeMessage(Arrays.copyOf(payload, payload.length - 4)));
    assertThrows(PayloadCodec.CorruptPayloadException.class, () -> PayloadCodec.decodeState(payload));
    byte[] garbage = new byte[64];
    Arrays.fill(garbage, (byte) 0x7f);
    garbage[0] = PayloadCodec.MESSAGE;
    assertThrows(PayloadCodec.CorruptPayloadException.class, () -> PayloadCodec.decodeMessage(garbage));
    assertThrows(PayloadCodec.CorruptPayloadException.class, () -> PayloadCodec.decodeMessage(new byte[0]));
  }

  @Test
  void framesDetectCrcMismatchTornTailsAndImpossibleLengths() throws IOException {
    Path file = dir.resolve("frames");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      RecordFraming.writeFully(channel, RecordFraming.frame("hello".getBytes()));
      long second = channel.position();
      RecordFraming.writeFully(channel, RecordFraming.frame("world".getBytes()));

      var first = assertInstanceOf(RecordFraming.Frame.class, RecordFraming.readAt(channel, 0));
      assertEquals("hello", new String(first.payload()));
      assertEquals(second, first.next());
      channel.write(ByteBuffer.wrap(new byte[] {'W'}), second + RecordFraming.HEADER_BYTES);
      assertEquals("CRC mismatch", assertInstanceOf(RecordFraming.Broken.class, RecordFraming.readAt(channel, second)).reason());

      channel.truncate(second + 10);
      assertEquals("torn frame payload",
          assertInstanceOf(RecordFraming.Broken.class, RecordFraming.readAt(channel, second)).reason());
      channel.truncate(second + 3);
      assertEquals("torn frame header",
          assertInstanceOf(RecordFraming.Broken.class, RecordFraming.readAt(channel, second)).reason());
      channel.truncate(second);
      assertInstanceOf(RecordFraming.End.class, RecordFraming.readAt(channel, second));

      channel.write(ByteBuffer.allocate(8).putInt(-5).putInt(0).flip(), second);
      assertTrue(assertInstanceOf(RecordFraming.Broken.class, RecordFraming.readAt(channel, second)).reason()
          .startsWith("impossible frame length"));
    }
  }

  @Test
  void queueIdsAreUniqueAndSortByIssueOrder() {
    QueueIdGenerator generator = new QueueIdGenerator(System.currentTimeMillis() + 10_000);
    List<QueueId> ids = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      ids.add(generator.next());
    }
    List<String> sorted = ids.stream().map(QueueId::value).sorted().toList();
    assertEquals(ids.stream().map(QueueId::value).toList(), sorted);
    assertEquals(ids.size(), ids.stream().distinct().count());
    assertTrue(QueueIdGenerator.millisOf(ids.get(0)) > System.currentTimeMillis(), "never behind the floor");
  }
}
