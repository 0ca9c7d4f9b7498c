package dev.tern.load.smtp;

import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic messages at almost no CPU cost: a few templates per size are built (and dot-stuffed) once; each message
 * is a fresh block of per-message headers (Date, From, To, Subject, Message-ID) in front of one of them. The
 * headers have a fixed length, so every message is its target size (one octet over at worst).
 */
public final class MessageFactory {

  /** Templates per size up to {@link #MANY_VARIANTS_UP_TO}; above it one, to bound memory. */
  static final int VARIANTS = 4;
  static final int MANY_VARIANTS_UP_TO = 1 << 20;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '+0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final long VARIANT_SALT = 0x5DEECE66DL;
  private static final int MIN_BODY = 160;

  private final SizeDistribution sizes;
  private final long seed;
  private final String runId;
  private final String addressHeaders;
  private final int headLength;
  private final Map<Integer, Template[]> templates = new HashMap<>();

  /** A built template: what goes on the wire, and how many octets of message it holds. */
  private record Template(Buffer wire, int octets) {}

  /**
   * One message to send.
   *
   * @param size the message's size in octets as the server stores it (before dot-stuffing), for MAIL FROM SIZE=
   * @param head the per-message headers
   * @param body the rest, dot-stuffed, ending with the end-of-data line "."
   */
  public record Message(long index, int size, Buffer head, Buffer body) {}

  /**
   * @param runId distinguishes this run's Message-IDs from other runs' (16 characters or fewer, [0-9a-z])
   */
  public MessageFactory(SizeDistribution sizes, long seed, String from, List<String> recipients, String runId) {
    if (!runId.matches("[0-9a-z]{1,16}")) {
      throw new IllegalArgumentException("run id must be 1 to 16 of [0-9a-z]");
    }
    this.sizes = sizes;
    this.seed = seed;
    this.runId = runId;
    this.addressHeaders = "From: tern load <" + from + ">\r\n" + toHeader(recipients);
    this.headLength = head(0, Instant.EPOCH).length;
    int smallest = sizes.sizes().stream().mapToInt(Integer::intValue).min().orElseThrow();
    if (smallest - headLength < MIN_BODY) {
      throw new IllegalArgumentException("a message of " + smallest + " bytes cannot hold the headers for "
          + recipients.size() + " recipient(s) and a body: make it at least " + (headLength + MIN_BODY) + " bytes");
    }
    for (int size : sizes.sizes()) {
      int variants = size <= MANY_VARIANTS_UP_TO ? VARIANTS : 1;
      Template[] built = new Template[variants];
      for (int v = 0; v < variants; v++) {
        SplittableRandom random = new SplittableRandom(SizeDistribution.mix(seed, size * 31L + v));
        byte[] template = MessageTemplate.build(size - headLength, v, random);
        built[v] = new Template(Buffer.buffer(dotStuff(template, END_OF_DATA)), template.length);
      }
      templates.put(size, built);
    }
  }

  private static String toHeader(List<String> recipients) {
    StringBuilder to = new StringBuilder("To: ");
    for (int i = 0; i < recipients.size(); i++) {
      to.append(i == 0 ? "" : ",\r\n ").append('<').append(recipients.get(i)).append('>');
    }
    return to.append("\r\n").toString();
  }

  public Message message(long index) {
    Template[] variants = templates.get(sizes.sizeOf(seed, index));
    Template template = variants[(int) Long.remainderUnsigned(SizeDistribution.mix(seed ^ VARIANT_SALT, index),
        variants.length)];
    return new Message(index, headLength + template.octets(), Buffer.buffer(head(index, Instant.now())),
        template.wire());
  }

  private byte[] head(long index, Instant now) {
    String serial = String.format(Locale.ROOT, "%012d", index);
    String head = "Date: " + DATE.format(now) + "\r\n"
        + addressHeaders
        + "Subject: tern load message " + serial + "\r\n"
        + "Message-ID: <" + serial + "." + runId + "@tern-load.invalid>\r\n";
    return head.getBytes(StandardCharsets.US_ASCII);
  }

  /** Doubles a dot that starts a line (RFC 5321 §4.5.2), then appends {@code end}; {@code text} ends with CRLF. */
  static byte[] dotStuff(byte[] text, byte[] end) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 64 + end.length);
    boolean lineStart = true;
    for (byte b : text) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    out.writeBytes(end);
    return out.toByteArray();
  }
}
