package dev.tern.ops.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability: a kill -9 in the middle of a burst of concurrent sessions must not lose any message that was
 * acknowledged with 250, and each must come back byte for byte.
 */
class CrashSafetyIT {

  private static final int SESSIONS = 40;
  private static final int KILL_AFTER_ACKS = 600;

  @TempDir
  Path tmp;

  @Test
  void everyAcknowledgedMessageSurvivesSigkill() throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger sequence = new AtomicInteger();
    TernProcess first = TernProcess.on(tmp.resolve("data")).start();
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    try {
      for (int s = 0; s < SESSIONS; s++) {
        pool.submit(() -> sendUntilStopped(first, acknowledged, stop, sequence));
      }
      while (acknowledged.size() < KILL_AFTER_ACKS && first.alive()) {
        Thread.sleep(5);
      }
      first.kill();
      stop.set(true);
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "client threads ended");
      first.close();
    }
    assertTrue(acknowledged.size() >= KILL_AFTER_ACKS, "enough messages were acknowledged before the kill");

    try (TernProcess second = first.again().start()) {
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
        String stored = StoredMessages.body(second, ack.getKey());
        if (stored == null) {
          missing.add(ack.getKey());
        } else {
          StoredMessages.assertTraceHeaderThenBody(stored, ack.getValue());
        }
      }
      assertEquals(List.of(), missing, "acknowledged messages missing after kill -9; log:\n" + second.logText());
      assertEquals(0, second.terminate(), "graceful stop after recovery");
    }
  }

  private static void sendUntilStopped(TernProcess tern, Map<String, String> acknowledged, AtomicBoolean stop,
                                       AtomicInteger sequence) {
    try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
      while (!stop.get()) {
        int n = sequence.incrementAndGet();
        String body = StoredMessages.sampleBody(n, 2048);
        String id = client.send("load@client.example", "sink" + (n % 7) + "@remote.example", body);
        acknowledged.put(id, body);
      }
    } catch (IOException expectedAtKill) {
      // the server was killed under this session; what it acknowledged is recorded
    }
  }
}
