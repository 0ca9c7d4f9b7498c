package dev.tern.benchmarks.micro;

import dev.tern.relay.SmtpServerOptions;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpDataBenchmarkTest {

  @ParameterizedTest
  @ValueSource(ints = {4096, 65536})
  void theIntakeReceivesExactlyTheMessageOperationAfterOperation(int size) {
    SmtpDataBenchmark benchmark = new SmtpDataBenchmark();
    benchmark.messageBytes = size;
    benchmark.segmentBytes = 1448;
    benchmark.prepare();
    long first = benchmark.receiveMessage();
    assertTrue(first > size * 0.8 && first < size * 1.2, "about the requested size: " + first);
    assertEquals(first, benchmark.receiveMessage());
  }

  @Test
  void dotStuffingDoublesLeadingDotsAndAddsTheFinalDot() {
    byte[] message = ".one\r\ntwo.\r\n..three\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals("..one\r\ntwo.\r\n...three\r\n.\r\n",
        new String(SmtpDataBenchmark.dotStuffed(message), StandardCharsets.US_ASCII));
  }

  @Test
  void segmentsCoverTheWireBytesInOrder() {
    byte[] wire = new byte[3000];
    for (int i = 0; i < wire.length; i++) {
      wire[i] = (byte) i;
    }
    List<Buffer> segments = SmtpDataBenchmark.segment(wire, 1448);
    assertEquals(List.of(1448, 1448, 104), segments.stream().map(Buffer::length).toList());
    Buffer joined = Buffer.buffer();
    segments.forEach(joined::appendBuffer);
    assertArrayEquals(wire, joined.getBytes());
  }

  @Test
  void aBodyWithoutTheFinalDotIsNotFinished() {
    SmtpDataReader reader = new SmtpDataReader(new SmtpServerOptions());
    reader.begin();
    reader.feed(Buffer.buffer("Subject: x\r\n\r\nbody\r\n"));
    assertThrows(IllegalStateException.class, reader::finish);
  }

  @Test
  void aBodyTheServerWouldRefuseFailsTheOperation() {
    SmtpDataReader reader = new SmtpDataReader(new SmtpServerOptions());
    reader.begin();
    reader.feed(Buffer.buffer("Subject: x\r\n\r\nbare\nline feed\r\n.\r\n"));
    assertThrows(IllegalStateException.class, reader::finish);
  }

  @Test
  void unstuffedBytesAreCountedWithoutTheTraceHeader() {
    SmtpDataReader reader = new SmtpDataReader(new SmtpServerOptions());
    reader.begin();
    reader.feed(Buffer.buffer("Subject: x\r\n\r\n..dot\r\n.\r\n"));
    assertEquals("Subject: x\r\n\r\n.dot\r\n".length(), reader.finish());
  }
}
