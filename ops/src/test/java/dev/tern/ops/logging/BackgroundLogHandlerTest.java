package dev.tern.ops.logging;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundLogHandlerTest {

  private static final Formatter PLAIN = new Formatter() {
    @Override
    public String format(LogRecord record) {
      return record.getMessage() + "\n";
    }
  };

  @Test
  void linesArriveInOrderAndCloseFlushesThem() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BackgroundLogHandler handler = new BackgroundLogHandler(out, 1000);
    handler.setFormatter(PLAIN);
    for (int i = 0; i < 500; i++) {
      handler.publish(new LogRecord(Level.INFO, "line " + i));
    }
    handler.close();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(500, lines.length);
    assertEquals("line 0", lines[0]);
    assertEquals("line 499", lines[499]);
    handler.publish(new LogRecord(Level.INFO, "after close"));
    assertTrue(!out.toString(StandardCharsets.UTF_8).contains("after close"), "nothing is written after close");
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream stuck = new OutputStream() {
      @Override
      public void write(int b) {
        awaitRelease();
        sink.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        awaitRelease();
        sink.write(b, off, len);
      }

      private void awaitRelease() {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    BackgroundLogHandler handler = new BackgroundLogHandler(stuck, 10);
    handler.setFormatter(PLAIN);
    for (int i = 0; i < 100; i++) {
      handler.publish(new LogRecord(Level.INFO, "line " + i));
    }
    release.countDown();
    handler.close();
    String written = sink.toString(StandardCharsets.UTF_8);
    assertTrue(written.contains("line 0"), written);
    assertTrue(written.contains("lines dropped"), "the loss is reported: " + written);
  }
}
