package dev.tern.benchmarks.micro;

import dev.tern.access.imap.internal.codec.ImapCommand;
import dev.tern.access.imap.internal.codec.ImapParseResult;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImapCommandBenchmarkTest {

  @Test
  void everyCommandParsesAndTheAppendLiteralIsStreamed() {
    ImapCommandBenchmark benchmark = new ImapCommandBenchmark();
    benchmark.prepare();
    for (int i = 0; i < 3; i++) {
      ImapParseResult.Parsed last = benchmark.clientCommands();
      assertEquals("a006", last.tag());
      ImapCommand.Append append = assertInstanceOf(ImapCommand.Append.class, last.command());
      assertEquals("Sent", append.mailbox());
      assertTrue(append.message().isStreamed());
      assertTrue(append.message().size() > 3000, "a realistic message: " + append.message().size());
    }
  }

  @Test
  void aLiteralThatIsNotAnAppendMessageIsHeldAndParsed() {
    ImapCommandReader reader = new ImapCommandReader();
    reader.feed(Buffer.buffer("a1 LOGIN {5}\r\n"));
    reader.feed(Buffer.buffer("alice \"secret\"\r\n"));
    assertEquals(1, reader.takeParsed());
    assertEquals(0, reader.takeStreamedLiteralBytes());
    assertInstanceOf(ImapCommand.Login.class, reader.last().command());
  }

  @Test
  void badCommandsAreCountedAsRejected() {
    ImapCommandReader reader = new ImapCommandReader();
    reader.feed(Buffer.buffer("a1 FETCH 1:* (FLAGS\r\n"));
    reader.feed(Buffer.buffer("no-command\r\n"));
    reader.feed(Buffer.buffer("a2 LOGIN {999999999}\r\n"));
    assertEquals(0, reader.takeParsed());
    assertEquals(3, reader.rejected());
  }
}
