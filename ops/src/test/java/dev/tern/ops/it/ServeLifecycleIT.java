package dev.tern.ops.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tern serve` as an operator sees it: lock, health, metrics, admin API, live account changes, SIGTERM. */
class ServeLifecycleIT {

  @TempDir
  Path tmp;

  @Test
  void oneServerPerDataDirectoryAndLiveAccountsAndCleanExit() throws Exception {
    try (TernProcess tern = TernProcess.on(tmp.resolve("data")).start()) {
      TernProcess.Result second = tern.run("", "serve");
      assertEquals(1, second.exitCode(), second.output());
      assertTrue(second.output().contains("in use"), second.output());

      HttpResponse<String> unauthorised = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tern.httpPort + "/admin/queue/count")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(401, unauthorised.statusCode());

      try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
        client.send("x@client.example", "y@remote.example", StoredMessages.sampleBody(1, 500));
      }
      TernProcess.Result count = tern.run("", "queue", "count");
      assertEquals(0, count.exitCode(), count.output());
      assertEquals("1", count.output().trim());

      assertEquals(0, tern.run("s3cret-passw0rd\n", "user", "add", "bob@localhost", "--password-stdin").exitCode());
      assertTrue(eventuallyAccepted(tern, "bob@localhost"), "the running server sees the new user");

      String metrics = tern.http("/metrics").body();
      assertTrue(metrics.contains("tern_smtp_messages_accepted_total"), "tern meters exported");
      assertTrue(metrics.contains("vertx_net_server_"), "vert.x meters exported");
      assertEquals(0, tern.terminate(), "exit code after SIGTERM\n" + tern.logText());
    }
  }

  @Test
  void groupCommitSharesFsyncsUnderConcurrentSessions() throws Exception {
    int sessions = 50;
    int perSession = 30;
    try (TernProcess tern = TernProcess.on(tmp.resolve("data")).start()) {
      // Fsyncs that made messages durable: the scheduler's journal writes (deferrals here) fsync too, and are not
      // what this test measures.
      double fsyncsBefore = tern.metric("tern_spool_fsync_batch_size_count");
      ExecutorService pool = Executors.newFixedThreadPool(sessions);
      List<Future<Integer>> done = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        int session = s;
        done.add(pool.submit(() -> {
          try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
            for (int i = 0; i < perSession; i++) {
              client.send("load@client.example", "sink@remote.example", StoredMessages.sampleBody(session * 1000 + i, 4096));
            }
          }
          return perSession;
        }));
      }
      int sent = 0;
      for (Future<Integer> f : done) {
        sent += f.get();
      }
      pool.shutdown();
      double fsyncs = tern.metric("tern_spool_fsync_batch_size_count") - fsyncsBefore;
      assertEquals(sessions * perSession, sent);
      assertTrue(fsyncs > 0, "fsyncs were counted");
      assertTrue(fsyncs * 2 <= sent, "group commit: " + fsyncs + " fsyncs for " + sent + " messages");
      assertEquals(0, tern.terminate());
    }
  }

  private static boolean eventuallyAccepted(TernProcess tern, String rcpt) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
        client.send("x@client.example", rcpt, StoredMessages.sampleBody(2, 300));
        return true;
      } catch (java.io.IOException notYet) {
        Thread.sleep(200);
      }
    }
    return false;
  }
}
