package dev.tern.benchmarks.micro;

import dev.tern.relay.internal.codec.PathSyntax;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpCommandBenchmarkTest {

  @Test
  void everyCommandOfTheTransactionIsUnderstoodOperationAfterOperation() {
    SmtpCommandBenchmark benchmark = new SmtpCommandBenchmark();
    benchmark.prepare();
    for (int i = 0; i < 3; i++) {
      PathSyntax.Result last = benchmark.transactionCommands();
      assertTrue(last.ok());
      assertEquals("\"ops team\"", last.mailbox().localPart());
      assertEquals("bench.example", last.mailbox().domain());
    }
  }

  @Test
  void linesSplitAcrossPacketsAreJoinedByTheFramer() {
    SmtpCommandReader reader = new SmtpCommandReader(2048);
    reader.feed(Buffer.buffer("MAIL FROM:<a@exa"));
    assertEquals(0, reader.takeUnderstood());
    reader.feed(Buffer.buffer("mple.com> SIZE=10\r"));
    reader.feed(Buffer.buffer("\nRCPT TO:<b@example.org>\r\n"));
    assertEquals(2, reader.takeUnderstood());
    assertEquals(0, reader.refused());
  }

  @Test
  void commandsTheServerWouldRefuseAreCountedAsRefused() {
    SmtpCommandReader reader = new SmtpCommandReader(64);
    reader.feed(Buffer.buffer("MAIL FROM:<a@example.com> SIZE=ten\r\n"));
    reader.feed(Buffer.buffer("RCPT TO:<no-domain-and no bracket\r\n"));
    reader.feed(Buffer.buffer("RCPT TO:<b@example.org> COLOR=blue\r\n"));
    reader.feed(Buffer.buffer("NOOP \u0001\r\n"));
    reader.feed(Buffer.buffer("MAIL FROM:<" + "x".repeat(80) + "@example.com>\r\n"));
    reader.feed(Buffer.buffer(new byte[] {'E', 'H', 'L', 'O', ' ', (byte) 0xff, '\r', '\n'}));
    reader.feed(Buffer.buffer("XYZZY\r\n"));
    assertEquals(0, reader.takeUnderstood());
    assertEquals(7, reader.refused());
  }
}
