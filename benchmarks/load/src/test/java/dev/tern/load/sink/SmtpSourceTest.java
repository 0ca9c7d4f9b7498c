package dev.tern.load.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Postfix's smtp-source, the tool the sink competes with, drives it with 20 parallel sessions. */
class SmtpSourceTest {

  private static final int MESSAGES = 2000;
  private static final int SIZE = 4096;

  @TempDir
  Path dir;

  @Test
  void everyMessageIsCountedExactlyOnceAcrossEventLoops() throws Exception {
    // Three listeners share one port picked by the system, on three event loops.
    try (SinkFixture fixture = SinkFixture.start(SinkOptions.defaults().withEventLoops(3))) {
      ExternalTools.smtpSource(fixture.port(), 20, MESSAGES, SIZE).assertOk();
      SinkStats stats = fixture.stats();
      assertEquals(MESSAGES, stats.messagesAccepted());
      assertEquals(MESSAGES, stats.transactions());
      assertEquals(MESSAGES, stats.recipients());
      assertEquals(MESSAGES, stats.sessions(), "smtp-source opens one connection per message");
      assertTrue(stats.bytes() >= (long) MESSAGES * SIZE, "bytes " + stats.bytes());
      assertEquals(0, stats.fsyncs());
      assertTrue(stats.peakMessagesPerSecond() <= MESSAGES);
    }
  }

  @Test
  void withFsyncEveryMessageIsOnDiskBeforeItsReplyAndTheSpoolGoesAtClose() throws Exception {
    Path spool = dir.resolve("spool");
    try (SinkFixture fixture = SinkFixture.start(SinkOptions.defaults().withSpool(spool, false, 256L << 20))) {
      ExternalTools.smtpSource(fixture.port(), 20, MESSAGES, SIZE).assertOk();
      SinkStats stats = fixture.stats();
      assertEquals(MESSAGES, stats.messagesAccepted());
      assertTrue(stats.fsyncs() > 0, "fsyncs " + stats.fsyncs());
      assertTrue(stats.fsyncs() <= MESSAGES, "fsyncs " + stats.fsyncs());
      // Every 250 was sent after its fsync, so the whole of every message is in the spool by now.
      assertTrue(spoolBytes(spool) >= (long) MESSAGES * SIZE, "spool bytes " + spoolBytes(spool));
    }
    assertEquals(List.of(), spoolFiles(spool), "the spool is deleted when the sink stops");
  }

  @Test
  void aKeptSpoolRotatesAndSurvivesTheSink() throws Exception {
    Path spool = dir.resolve("kept");
    try (SinkFixture fixture = SinkFixture.start(SinkOptions.defaults().withSpool(spool, true, 64 * 1024))) {
      ExternalTools.smtpSource(fixture.port(), 5, 100, SIZE).assertOk();
      assertEquals(100, fixture.stats().messagesAccepted());
    }
    List<Path> files = spoolFiles(spool);
    assertTrue(files.size() > 1, "rotated into " + files);
    for (Path file : files) {
      assertTrue(Files.size(file) <= 64 * 1024, file + " is " + Files.size(file) + " octets");
    }
    assertTrue(spoolBytes(spool) >= 100L * SIZE);
  }

  private static List<Path> spoolFiles(Path spool) throws Exception {
    try (Stream<Path> files = Files.list(spool)) {
      return files.sorted().toList();
    }
  }

  private static long spoolBytes(Path spool) throws Exception {
    long total = 0;
    for (Path file : spoolFiles(spool)) {
      total += Files.size(file);
    }
    return total;
  }
}
