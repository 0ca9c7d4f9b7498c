package dev.tern.benchmarks.micro;

import dev.tern.benchmarks.RealisticMessages;
import dev.tern.relay.SmtpServerOptions;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DATA body path: one operation = one message of {@code messageBytes} (a realistic plain-text message whose
 * prose has a few lines starting with '.') arriving dot-stuffed, with its final ".", in TCP segments of
 * {@code segmentBytes}, through {@link SmtpDataReader} (framer, {@code BodyLineScanner}, {@code BodySink}), up to
 * the commit. Fails unless exactly the original message bytes reach the Intake.
 */
@State(Scope.Thread)
public class SmtpDataBenchmark extends MicroSettings {

  @Param({"4096", "65536"})
  public int messageBytes;

  /** A full Ethernet segment's payload with TCP timestamps. */
  @Param({"1448"})
  public int segmentBytes;

  private byte[] message;
  private List<Buffer> segments;
  private SmtpDataReader reader;

  @Setup
  public void prepare() {
    message = new RealisticMessages(7).message(RealisticMessages.Shape.PLAIN, messageBytes);
    byte[] wire = dotStuffed(message);
    if (wire.length - 3 == message.length) {
      throw new IllegalStateException("the message has no line to dot-stuff");
    }
    segments = segment(wire, segmentBytes);
    reader = new SmtpDataReader(new SmtpServerOptions());
  }

  @Benchmark
  public long receiveMessage() {
    reader.begin();
    for (Buffer segment : segments) {
      reader.feed(segment);
    }
    long received = reader.finish();
    if (received != message.length) {
      throw new IllegalStateException("the intake got " + received + " bytes of a " + message.length + "-byte message");
    }
    return received;
  }

  /** SMTP's transparency (RFC 5321 4.5.2): a '.' doubled at the start of a line, then CRLF.CRLF. */
  static byte[] dotStuffed(byte[] message) {
    ByteArrayOutputStream wire = new ByteArrayOutputStream(message.length + 64);
    boolean lineStart = true;
    for (byte b : message) {
      if (lineStart && b == '.') {
        wire.write('.');
      }
      wire.write(b);
      lineStart = b == '\n';
    }
    wire.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
    return wire.toByteArray();
  }

  static List<Buffer> segment(byte[] wire, int segmentBytes) {
    List<Buffer> segments = new ArrayList<>();
    for (int offset = 0; offset < wire.length; offset += segmentBytes) {
      int length = Math.min(segmentBytes, wire.length - offset);
      segments.add(Buffer.buffer(length).appendBytes(wire, offset, length));
    }
    return segments;
  }
}
