package dev.tern.benchmarks;

import dev.tern.access.imap.internal.mime.MessagePart;
import dev.tern.access.imap.internal.mime.MessageStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealisticMessagesTest {

  @Test
  void theSameSeedGivesTheSameBytes() {
    RealisticMessages a = new RealisticMessages(3);
    RealisticMessages b = new RealisticMessages(3);
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(a.next(4096), b.next(4096));
    }
  }

  @Test
  void mailboxMessagesAreAboutTheRequestedSizeWithCrlfLinesAndTheUsualHeaders() {
    RealisticMessages messages = new RealisticMessages(1);
    int dotLines = 0;
    for (int i = 0; i < 200; i++) {
      byte[] message = messages.next(4096);
      assertTrue(message.length > 4096 * 0.8 && message.length < 4096 * 1.2, "size " + message.length);
      String text = new String(message, StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\r\n"));
      assertFalse(text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r"), "CRLF only");
      for (String header : new String[] {"\r\nFrom: ", "\r\nTo: ", "\r\nSubject: ", "\r\nDate: ", "\r\nMessage-ID: <",
          "DKIM-Signature: ", "\r\n\r\n"}) {
        assertTrue(text.contains(header), header + " in message " + i);
      }
      for (String line : text.split("\r\n")) {
        assertTrue(line.length() <= 998, "line length");
        dotLines += line.startsWith(".") ? 1 : 0;
      }
    }
    assertTrue(dotLines > 20, "some lines need dot-stuffing: " + dotLines);
  }

  @ParameterizedTest
  @EnumSource(RealisticMessages.Shape.class)
  void eachShapeHasTheMimeStructureItNames(RealisticMessages.Shape shape) throws Exception {
    byte[] message = new RealisticMessages(9).message(shape, 8192);
    MessagePart root = MessageStructure.parse(new ByteArrayInputStream(message)).root();
    switch (shape) {
      case PLAIN -> assertEquals("text/plain", root.type() + "/" + root.subtype());
      case ALTERNATIVE -> {
        assertEquals("multipart/alternative", root.type() + "/" + root.subtype());
        assertEquals(2, root.children().size());
      }
      case MIXED_WITH_ATTACHMENT -> {
        assertEquals("multipart/mixed", root.type() + "/" + root.subtype());
        assertEquals("alternative", root.children().get(0).subtype());
        assertEquals("application/pdf", root.children().get(1).type() + "/" + root.children().get(1).subtype());
      }
      default -> throw new AssertionError(shape);
    }
  }
}
