package dev.tern.benchmarks;

import dev.tern.delivery.Envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The message every benchmark sends: an RFC 5322 message of exactly the requested size, CRLF line endings, short
 * lines, and no line starting with '.', so the same bytes are valid both as spool content and as SMTP DATA without
 * dot-stuffing.
 */
public final class BenchMessage {

  public static final String SENDER = "sender@bench.example";
  public static final String RECIPIENT = "rcpt@localhost";
  public static final int DEFAULT_SIZE = 4096;

  private static final String HEADER = "From: <" + SENDER + ">\r\n"
      + "To: <" + RECIPIENT + ">\r\n"
      + "Subject: Tern benchmark message\r\n"
      + "Message-ID: <bench@bench.example>\r\n"
      + "\r\n";
  private static final int LINE_LENGTH = 76;

  private BenchMessage() {
  }

  /** A message of exactly {@code size} bytes (header included). */
  public static byte[] ofSize(int size) {
    byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
    if (size < header.length + 2) {
      throw new IllegalArgumentException("a benchmark message needs at least " + (header.length + 2) + " bytes, not " + size);
    }
    StringBuilder text = new StringBuilder(size).append(HEADER);
    int lineNumber = 0;
    while (text.length() < size) {
      int room = size - text.length();
      // The last line takes whatever is left so the total is exact; it still ends in CRLF.
      int lineBytes = Math.min(LINE_LENGTH + 2, room);
      if (room - lineBytes > 0 && room - lineBytes < 3) {
        lineBytes = room - 3;
      }
      text.append(lineBody(lineNumber++, lineBytes - 2)).append("\r\n");
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The envelope the relay would build for one such message from 127.0.0.1. */
  public static Envelope envelope() {
    return new Envelope(SENDER, List.of(RECIPIENT), Instant.now(), "127.0.0.1", "bench.example", null, false,
        Envelope.BodyType.SEVEN_BIT, null);
  }

  private static String lineBody(int lineNumber, int length) {
    StringBuilder line = new StringBuilder(length);
    String seed = "line " + lineNumber + " of the Tern benchmark message ";
    while (line.length() < length) {
      line.append(seed.charAt(line.length() % seed.length()));
    }
    return line.toString();
  }
}
