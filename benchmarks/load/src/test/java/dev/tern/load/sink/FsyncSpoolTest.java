package dev.tern.load.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With --fsync a message's 250 waits for the spool writer; pipelined commands behind it must still be answered after
 * it and in order, and what the spool holds is the message as received.
 */
class FsyncSpoolTest {

  @TempDir
  Path dir;

  @Test
  void pipelinedCommandsBehindAnFsyncAreAnsweredInOrder() throws Exception {
    SinkOptions options = SinkOptions.defaults().withSpool(dir, true, 256L << 20);
    try (SinkFixture fixture = SinkFixture.start(options); RawSmtpClient client = fixture.connect()) {
      client.hello();
      client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
      assertEquals("250 2.1.0 Sender ok", client.reply());
      assertEquals("250 2.1.5 Recipient ok", client.reply());
      assertTrue(client.reply().startsWith("354"));
      // The end of the body, the next transaction and a BDAT message all in one write.
      client.send("Subject: one\r\n\r\nfirst\r\n.\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<c@example.org>\r\n"
          + "BDAT 6\r\nSubjecBDAT 18 LAST\r\nt: two\r\n\r\nsecond\r\n");
      // Most likely read while the first 250 still waits for its fsync, with reading paused.
      client.send("NOOP\r\n");
      assertEquals("250 2.0.0 Ok: message accepted", client.reply());
      assertEquals("250 2.1.0 Sender ok", client.reply());
      assertEquals("250 2.1.5 Recipient ok", client.reply());
      assertEquals("250 2.0.0 Ok", client.reply());
      assertEquals("250 2.0.0 Ok: message accepted", client.reply());
      assertEquals("250 2.0.0 Ok", client.reply());
      SinkStats stats = fixture.stats();
      assertEquals(2, stats.messagesAccepted());
      assertTrue(stats.fsyncs() >= 1 && stats.fsyncs() <= 2, "fsyncs " + stats.fsyncs());

      client.command("MAIL FROM:<a@example.org>");
      client.command("RCPT TO:<b@example.org>");
      assertEquals("250 2.0.0 Ok: message accepted", client.command("BDAT 0 LAST"), "an empty message is spooled");
      assertEquals(3, fixture.stats().messagesAccepted());
      String spool = Files.readString(dir.resolve("spool-000000.dat"), StandardCharsets.ISO_8859_1);
      assertEquals("Subject: one\r\n\r\nfirst\r\n.\r\nSubject: two\r\n\r\nsecond\r\n", spool);
    }
  }
}
