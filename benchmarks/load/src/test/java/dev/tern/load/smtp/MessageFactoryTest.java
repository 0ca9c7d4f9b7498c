package dev.tern.load.smtp;

import io.vertx.core.buffer.Buffer;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageFactoryTest {

  private static final List<String> TO = List.of("bob@example.com", "bob+2@example.com", "bob+3@example.com");

  private static MessageFactory factory(String sizes) {
    return new MessageFactory(SizeDistribution.parse(sizes), 7, "alice@example.com", TO, "run1");
  }

  /** What the server stores: the wire form with the end-of-data line removed and dot-stuffing undone. */
  static byte[] stored(MessageFactory.Message message) {
    Buffer wire = Buffer.buffer().appendBuffer(message.head()).appendBuffer(message.body());
    String text = wire.toString(StandardCharsets.ISO_8859_1);
    assertTrue(text.endsWith("\r\n.\r\n"), "ends with the end-of-data line");
    text = text.substring(0, text.length() - 3);
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\r\n", -1)) {
      assertFalse(line.equals("."), "a lone dot inside the message would end it early");
      out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    out.setLength(out.length() - 2);
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Message parse(byte[] bytes) throws IOException {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.STRICT);
    return builder.parseMessage(new ByteArrayInputStream(bytes));
  }

  private static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  @Test
  void everySizeIsHitWithinOnePercent() {
    for (String size : List.of("512", "700", "1k", "1500", "4k", "10k", "13k", "64k", "100k", "1m", "3m", "5m")) {
      MessageFactory factory = factory(size);
      int target = (int) dev.tern.load.engine.Units.parseSize(size);
      for (long index = 0; index < 8; index++) {
        MessageFactory.Message message = factory.message(index);
        int stored = stored(message).length;
        assertEquals(message.size(), stored, "SIZE= announces what is stored, size " + size);
        assertTrue(Math.abs(stored - target) <= target / 100, size + ": " + stored + " octets");
      }
    }
  }

  @Test
  void messagesAreValidMimeWithTextHtmlAndAttachments() throws IOException {
    Message message = parse(stored(factory("1m").message(3)));

    assertEquals("1.0", message.getHeader().getField("MIME-Version").getBody().trim());
    assertEquals("tern load message 000000000003", message.getSubject());
    assertEquals("<000000000003.run1@tern-load.invalid>", message.getMessageId());
    assertEquals("alice@example.com", message.getFrom().get(0).getAddress());
    assertEquals(3, message.getTo().flatten().size());
    assertTrue(message.getDate() != null, "a parseable Date");
    assertEquals("multipart/mixed", message.getMimeType());

    List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
    assertEquals("multipart/alternative", parts.get(0).getMimeType());
    List<Entity> alternatives = ((Multipart) parts.get(0).getBody()).getBodyParts();
    assertEquals(List.of("text/plain", "text/html"), alternatives.stream().map(Entity::getMimeType).toList());
    String text = new String(read(((TextBody) alternatives.get(0).getBody()).getInputStream()), StandardCharsets.US_ASCII);
    assertTrue(text.length() > 500, "some prose");
    assertTrue(text.lines().anyMatch(line -> line.startsWith(".")), "a line starting with a dot survives unstuffed");
    String html = new String(read(((TextBody) alternatives.get(1).getBody()).getInputStream()), StandardCharsets.US_ASCII);
    assertTrue(html.startsWith("<html><body>") && html.contains("<p>"), html.substring(0, 40));

    assertTrue(parts.size() >= 2, "attachments make up a 1 MiB message");
    long attached = 0;
    for (Entity attachment : parts.subList(1, parts.size())) {
      assertEquals("application/octet-stream", attachment.getMimeType());
      assertEquals("base64", attachment.getContentTransferEncoding());
      assertTrue(attachment.getFilename().startsWith("attachment-"));
      attached += read(((BinaryBody) attachment.getBody()).getInputStream()).length;
    }
    assertTrue(attached > 700_000, "most of a 1 MiB message is attachment: " + attached);
  }

  @Test
  void smallMessagesAreStillValidMime() throws IOException {
    for (String size : List.of("512", "1k", "4k")) {
      Message message = parse(stored(factory(size).message(0)));
      assertTrue(message.getMimeType().startsWith("multipart/") || message.getMimeType().equals("text/plain"),
          size + ": " + message.getMimeType());
      assertEquals("tern load message 000000000000", message.getSubject());
    }
    Message fourK = parse(stored(factory("4k").message(1)));
    assertEquals("multipart/mixed", fourK.getMimeType());
    assertEquals(1, ((Multipart) fourK.getBody()).getBodyParts().size(), "4k is text and HTML, no attachment");
  }

  @Test
  void crlfLineEndsAndShortLinesEverywhere() {
    for (String size : List.of("512", "4k", "64k", "1m")) {
      byte[] stored = stored(factory(size).message(5));
      int lineStart = 0;
      for (int i = 0; i < stored.length; i++) {
        if (stored[i] == '\n') {
          assertTrue(i > 0 && stored[i - 1] == '\r', size + ": bare LF at " + i);
          assertTrue(i + 1 - lineStart <= 78, size + ": line of " + (i + 1 - lineStart) + " octets at " + lineStart);
          lineStart = i + 1;
        } else if (stored[i] == '\r') {
          assertTrue(i + 1 < stored.length && stored[i + 1] == '\n', size + ": bare CR at " + i);
        } else {
          assertTrue(stored[i] > 0 && stored[i] < 128, size + ": non-ASCII octet at " + i);
        }
      }
      assertEquals(stored.length, lineStart, size + ": ends with CRLF");
    }
  }

  @Test
  void messageIdsAreUniqueAndTemplatesShared() {
    MessageFactory factory = factory("4k");
    Set<String> ids = new HashSet<>();
    Set<Buffer> bodies = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (long index = 0; index < 1000; index++) {
      MessageFactory.Message message = factory.message(index);
      String head = message.head().toString(StandardCharsets.US_ASCII);
      String id = head.substring(head.indexOf("Message-ID: "), head.indexOf("\r\n", head.indexOf("Message-ID: ")));
      assertTrue(ids.add(id), id);
      bodies.add(message.body());
    }
    assertEquals(MessageFactory.VARIANTS, bodies.size(), "a handful of templates, built once");
  }

  @Test
  void sizesFollowTheWeightsAndTheSeed() {
    SizeDistribution sizes = SizeDistribution.parse("4k:70,64k:25,1m:5");
    Map<Integer, Integer> counts = new HashMap<>();
    for (long index = 0; index < 20_000; index++) {
      counts.merge(sizes.sizeOf(42, index), 1, Integer::sum);
    }
    assertEquals(3, counts.size());
    assertTrue(Math.abs(counts.get(4096) - 14_000) < 600, counts.toString());
    assertTrue(Math.abs(counts.get(65536) - 5_000) < 500, counts.toString());
    assertTrue(Math.abs(counts.get(1 << 20) - 1_000) < 250, counts.toString());
    for (long index = 0; index < 100; index++) {
      assertEquals(sizes.sizeOf(42, index), sizes.sizeOf(42, index), "deterministic");
    }
    long differing = java.util.stream.LongStream.range(0, 100)
        .filter(i -> sizes.sizeOf(42, i) != sizes.sizeOf(43, i)).count();
    assertTrue(differing > 10, "another seed, another sequence");
  }

  @Test
  void dotStuffingDoublesLeadingDotsOnly() {
    byte[] stuffed = MessageFactory.dotStuff(
        ".first\r\nmiddle.dot\r\n.\r\n..two\r\nend.\r\n".getBytes(StandardCharsets.US_ASCII),
        ".\r\n".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals("..first\r\nmiddle.dot\r\n..\r\n...two\r\nend.\r\n.\r\n".getBytes(StandardCharsets.US_ASCII),
        stuffed);
  }

  @Test
  void sizeListsAndTheirMistakes() {
    assertEquals(List.of(new SizeDistribution.Entry(4096, 1)), SizeDistribution.parse("4096").entries());
    assertEquals(List.of(new SizeDistribution.Entry(1 << 20, 1)), SizeDistribution.parse("1m").entries());
    assertEquals(List.of(new SizeDistribution.Entry(4096, 70), new SizeDistribution.Entry(65536, 25),
        new SizeDistribution.Entry(1 << 20, 5)), SizeDistribution.parse(" 4k:70, 64k:25 ,1m:5").entries());
    assertEquals(List.of(new SizeDistribution.Entry(4096, 3)), SizeDistribution.parse("4k:3").entries());

    Map<String, String> mistakes = Map.of(
        "", "no size given",
        "4k,64k", "has no weight",
        "4k:70,", "empty entry",
        "4k:0", "weight must be a positive whole number",
        "4k:-1,1m:2", "weight must be a positive whole number",
        "4k:x", "weight must be a positive whole number",
        "100", "out of range",
        "128m", "out of range",
        "4q", "not a size");
    mistakes.forEach((text, message) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SizeDistribution.parse(text),
          text);
      assertTrue(e.getMessage().contains(message), text + ": " + e.getMessage());
    });
  }

  @Test
  void aSizeTooSmallForTheHeadersIsRefusedWithTheMinimum() {
    List<String> many = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "bob+" + i + "@example.com")
        .toList();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MessageFactory(SizeDistribution.parse("600"), 1, "a@example.com", many, "x"));
    assertTrue(e.getMessage().matches("a message of 600 bytes cannot hold the headers for 20 recipient\\(s\\) and a"
        + " body: make it at least \\d+ bytes"), e.getMessage());
  }
}
