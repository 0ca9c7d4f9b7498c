package dev.tern.load.imap;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response reader fed directly, in every possible split of the stream. */
class ImapResponseReaderTest {

  static final String STREAM = "* OK [CAPABILITY IMAP4rev1] ready\r\n"
      + "* 1 FETCH (BODY[] {11}\r\nA1 OK {3}\r\n)\r\n"
      + "* 2 FETCH (BODY[HEADER] {0}\r\n BODY[TEXT] {4}\r\nab\r\n ENVELOPE (NIL {2}\r\n\r\n))\r\n"
      + "* 3 FETCH (BINARY[] ~{3}\r\nx\0y)\r\n"
      + "+ go ahead\r\n"
      + "A1 NO [UNAVAILABLE] later\r\n";

  List<ImapResponse> responses = new ArrayList<>();
  List<String> errors = new ArrayList<>();
  ImapResponseReader reader = new ImapResponseReader(responses::add, errors::add);

  void assertParsed() {
    assertEquals(List.of(), errors);
    assertEquals(6, responses.size(), responses.toString());
    assertEquals("* OK [CAPABILITY IMAP4rev1] ready", responses.get(0).toString());
    assertEquals("CAPABILITY", responses.get(0).codeName());
    assertEquals("* 1 FETCH (BODY[] {11})", responses.get(1).toString());
    assertEquals(11, responses.get(1).literalOctets());
    assertEquals(1, responses.get(1).number());
    assertEquals("FETCH", responses.get(1).numberedKeyword());
    assertEquals("* 2 FETCH (BODY[HEADER] {0} BODY[TEXT] {4} ENVELOPE (NIL {2}))", responses.get(2).toString());
    assertEquals(6, responses.get(2).literalOctets());
    assertEquals(3, responses.get(3).literalOctets());
    assertTrue(responses.get(4).continuation());
    assertEquals("A1", responses.get(5).tag());
    assertEquals("NO", responses.get(5).keyword());
    assertEquals("UNAVAILABLE", responses.get(5).codeName());
  }

  @Test
  void theWholeStreamAtOnce() {
    reader.handle(Buffer.buffer(STREAM.getBytes(StandardCharsets.ISO_8859_1)));
    assertParsed();
  }

  @Test
  void oneOctetAtATime() {
    for (byte b : STREAM.getBytes(StandardCharsets.ISO_8859_1)) {
      reader.handle(Buffer.buffer(new byte[] {b}));
    }
    assertParsed();
  }

  @Test
  void everySplitIntoTwoPieces() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.ISO_8859_1);
    for (int cut = 1; cut < bytes.length; cut++) {
      responses = new ArrayList<>();
      reader = new ImapResponseReader(responses::add, errors::add);
      reader.handle(Buffer.buffer(bytes).getBuffer(0, cut));
      reader.handle(Buffer.buffer(bytes).getBuffer(cut, bytes.length));
      assertParsed();
    }
  }

  @Test
  void aLiteralLargerThanAChunkIsCountedNotKept() {
    int size = ImapResponseReader.LITERAL_CHUNK_OCTETS * 3 + 17;
    reader.handle(Buffer.buffer("* 1 FETCH (BODY[] {" + size + "}\r\n"));
    reader.handle(Buffer.buffer(new byte[size]));
    reader.handle(Buffer.buffer(")\r\n"));
    assertEquals(1, responses.size());
    assertEquals(size, responses.get(0).literalOctets());
  }

  @Test
  void aLiteralBeyondTheLimitIsAProtocolError() {
    reader.handle(Buffer.buffer("* 1 FETCH (BODY[] {" + (ImapResponseReader.MAX_LITERAL_OCTETS + 1) + "}\r\n"));
    reader.handle(Buffer.buffer("* 2 FETCH (FLAGS ())\r\n"));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("literal"), errors.toString());
    assertEquals(List.of(), responses, "nothing after the error");
  }

  @Test
  void aResponseWhoseTextGrowsBeyondTheLimitIsAProtocolError() {
    String segment = "* 1 FETCH (X " + "a".repeat(1000) + " {1}\r\nz";
    for (int i = 0; i < ImapResponseReader.MAX_TEXT_OCTETS / 1000 + 2; i++) {
      reader.handle(Buffer.buffer(segment));
    }
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("longer than"), errors.toString());
  }
}
