package dev.tern.ops.it;

import dev.tern.delivery.testing.ScriptedSmtpServer;
import dev.tern.delivery.testing.TestDnsServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real `tern serve` relaying to SMTP sinks on 127.0.0.x behind a test DNS server: delivered, deferred and
 * failed recipients, the bounce reaching the sender's sink, retries, a restart in the middle of retries, and the
 * operator's queue commands. No timing assertions: every wait polls with a deadline.
 */
class OutboundDeliveryIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private TestDnsServer dns;

  @BeforeEach
  void startDns() throws Exception {
    dns = TestDnsServer.start();
  }

  @AfterEach
  void stopDns() throws Exception {
    dns.close();
  }

  /** The delivery and dns sections for a test: its DNS server, the sinks' port, private MX allowed. */
  private String outbound(int sinkPort, String retry) {
    return String.join("\n",
        "delivery:",
        "  retry: " + retry,
        "  remotePort: " + sinkPort,
        "  allowPrivateMx: true",
        "dns:",
        "  servers: [\"127.0.0.1:" + dns.address().getPort() + "\"]",
        "  timeout: 2s",
        "");
  }

  private static final String FAST_RETRY = "{initialDelay: 1s, multiplier: 2, maxDelay: 4s}";

  private void mx(String domain, String ip) {
    dns.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
  }

  @Test
  void postfixSmtpSinkReceivesEverythingAndTheQueueDrains() throws Exception {
    Tools.require("smtp-source");
    int port = TernProcess.freePorts(1)[0];
    mx("sink.example", "127.0.0.5");
    try (PostfixSmtpSink sink = PostfixSmtpSink.start("127.0.0.5", port);
         TernProcess tern = TernProcess.on(tmp.resolve("data")).delivering(outbound(port, FAST_RETRY)).start()) {
      Tools.run(List.of("smtp-source", "-s", "5", "-m", "50", "-l", "4096", "-f", "load@client.example",
          "-t", "rcpt@sink.example", "127.0.0.1:" + tern.smtpPort), "").assertOk();
      await("smtp-sink counts 50 messages", tern, () -> sink.messages() >= 50);
      await("the queue drains", tern, () -> queueCount(tern) == 0);
      assertEquals(50, sink.messages(), sink.output());
      assertTrue(tern.metric("tern_delivery_results_total") >= 50, "delivery results are on /metrics");
      assertTrue(tern.metric("tern_dns_lookups_total") > 0, "DNS lookups are on /metrics");
      assertTrue(tern.metric("tern_outbound_connections_opened_total") >= 1);
      assertTrue(tern.metric("tern_outbound_connections_opened_total") < 50, "connections are reused");
      assertNoBlockedThreads(tern);
    }
  }

  @Test
  void oneMessageToThreeDomainsIsDeliveredDeferredAndBouncedExactly() throws Exception {
    try (SharedPortSinks sinks = SharedPortSinks.start("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")) {
      mx("ok.example", "127.0.0.2");
      mx("slow.example", "127.0.0.3");
      mx("bad.example", "127.0.0.4");
      mx("sender.example", "127.0.0.5");
      sinks.at("127.0.0.3").rcptReply("b@slow.example", "451 4.2.1 mailbox busy");
      sinks.at("127.0.0.4").rcptReply("c@bad.example", "550 5.1.1 no such user");
      try (TernProcess tern = TernProcess.on(tmp.resolve("data")).delivering(outbound(sinks.port(), FAST_RETRY)).start()) {
        String id;
        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
          id = client.send("sender@sender.example", List.of("a@ok.example", "b@slow.example", "c@bad.example"),
              StoredMessages.sampleBody(1, 800));
        }
        await("a delivered, b deferred, c failed", tern, () -> {
          JsonObject m = show(tern, id);
          return status(m, "a@ok.example").equals("DELIVERED") && status(m, "c@bad.example").equals("FAILED")
              && status(m, "b@slow.example").equals("DEFERRED");
        });
        JsonObject m = show(tern, id);
        assertTrue(recipient(m, "b@slow.example").getString("lastReply").startsWith("451 4.2.1"), m.encodePrettily());
        assertTrue(recipient(m, "c@bad.example").getString("lastReply").startsWith("550 5.1.1"), m.encodePrettily());

        List<ScriptedSmtpServer.Received> ok = sinks.at("127.0.0.2").awaitReceived(1, DEADLINE);
        assertEquals(1, ok.size());
        assertEquals("sender@sender.example", ok.get(0).mailFrom());
        assertEquals(List.of("a@ok.example"), ok.get(0).recipients());
        assertTrue(ok.get(0).bodyText().contains("Subject: message 1"), "the message itself arrived");
        assertEquals(List.of(), sinks.at("127.0.0.4").received(), "no DATA after the only RCPT was refused");

        List<ScriptedSmtpServer.Received> bounces = sinks.at("127.0.0.5").awaitReceived(1, DEADLINE);
        assertEquals(1, bounces.size(), "one DSN for the one failed recipient");
        ScriptedSmtpServer.Received bounce = bounces.get(0);
        assertEquals("", bounce.mailFrom(), "a DSN has the null reverse-path");
        assertEquals(List.of("sender@sender.example"), bounce.recipients());
        String dsn = bounce.bodyText();
        assertTrue(dsn.contains("multipart/report"), dsn);
        assertTrue(dsn.contains("report-type=delivery-status") || dsn.contains("report-type=\"delivery-status\""), dsn);
        assertTrue(Pattern.compile("(?im)^Action:\\s*failed").matcher(dsn).find(), dsn);
        assertTrue(Pattern.compile("(?im)^Final-Recipient:\\s*rfc822;\\s*c@bad\\.example").matcher(dsn).find(), dsn);
        assertTrue(dsn.contains("550 5.1.1"), dsn);
        assertFalse(Pattern.compile("(?im)^Final-Recipient:.*(a@ok|b@slow)\\.example").matcher(dsn).find(),
            "only the failed recipient is reported: " + dsn);
        assertTrue(dsn.contains("Subject: message 1"), "the original headers are in the report");
        assertNoBlockedThreads(tern);
      }
    }
  }

  @Test
  void aDestinationThatFailsTwiceGetsTheMessageOnTheThirdAttempt() throws Exception {
    try (SharedPortSinks sinks = SharedPortSinks.start("127.0.0.2")) {
      mx("retry.example", "127.0.0.2");
      ScriptedSmtpServer sink = sinks.at("127.0.0.2")
          .endOfDataReplies("451 4.3.0 try again", "451 4.3.0 try again");
      try (TernProcess tern = TernProcess.on(tmp.resolve("data")).delivering(outbound(sinks.port(), FAST_RETRY)).start()) {
        String id;
        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
          id = client.send("sender@client.example", "r@retry.example", StoredMessages.sampleBody(2, 500));
        }
        await("delivered", tern, () -> status(show(tern, id), "r@retry.example").equals("DELIVERED"));
        List<String> replies = sink.received().stream().map(r -> r.endOfDataReply().substring(0, 3)).toList();
        assertEquals(List.of("451", "451", "250"), replies);
        assertEquals(3, recipient(show(tern, id), "r@retry.example").getInteger("attempts"));
        await("the queue drains", tern, () -> queueCount(tern) == 0);
        assertNoBlockedThreads(tern);
      }
    }
  }

  @Test
  void aRestartDuringRetriesLosesNothingAndDeliversOnce() throws Exception {
    try (SharedPortSinks sinks = SharedPortSinks.start("127.0.0.2")) {
      mx("later.example", "127.0.0.2");
      ScriptedSmtpServer sink = sinks.at("127.0.0.2")
          .endOfDataReplies("451 4.3.0 not yet", "451 4.3.0 not yet");
      TernProcess first = TernProcess.on(tmp.resolve("data"))
          .delivering(outbound(sinks.port(), "{initialDelay: 2s, multiplier: 2, maxDelay: 4s}")).start();
      String id;
      try (first) {
        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", first.smtpPort)) {
          id = client.send("sender@client.example", "l@later.example", StoredMessages.sampleBody(3, 500));
        }
        await("first attempt deferred", first, () -> {
          JsonObject r = recipient(show(first, id), "l@later.example");
          return r.getString("status").equals("DEFERRED") && r.getInteger("attempts") >= 1;
        });
        assertEquals(0, first.terminate(), first.logText());
      }
      assertEquals(0, accepted(sink), "not delivered before the restart");

      TernProcess second = first.again();
      try (second) {
        second.start();
        // Once final, a message from an older segment may leave the index at once: gone counts as final here.
        JsonObject[] last = new JsonObject[1];
        await("delivered after the restart", second, () -> {
          last[0] = find(second, id);
          return last[0] == null || status(last[0], "l@later.example").equals("DELIVERED");
        });
        assertEquals(1, accepted(sink));
        assertEquals(List.of("451", "451", "250"),
            sink.received().stream().map(r -> r.endOfDataReply().substring(0, 3)).toList(),
            "the deferred attempts before the restart count; the third attempt succeeded");
        if (last[0] != null) {
          assertEquals(3, recipient(last[0], "l@later.example").getInteger("attempts"));
        }
        assertEquals(0, queueCount(second));
        assertEquals(0, second.terminate(), second.logText());
      }

      try (TernProcess third = first.again()) {
        third.start();
        TernProcess.Result flush = third.run("", "queue", "flush");
        assertEquals(0, flush.exitCode(), flush.output());
        assertEquals("flushed: 0 recipients due now", flush.output().trim());
        assertEquals(0, queueCount(third));
        assertEquals(1, accepted(sink), "the recorded outcome is not delivered again");
        assertNoBlockedThreads(third);
      }
    }
  }

  @Test
  void queueCommandsAgainstTheRunningServer() throws Exception {
    try (SharedPortSinks sinks = SharedPortSinks.start("127.0.0.2", "127.0.0.3")) {
      mx("hold.example", "127.0.0.2");
      mx("sender.example", "127.0.0.3");
      ScriptedSmtpServer hold = sinks.at("127.0.0.2");
      for (String r : List.of("h1@hold.example", "h2@hold.example", "h3@hold.example")) {
        hold.rcptReply(r, "451 4.2.2 over quota for now");
      }
      ScriptedSmtpServer sender = sinks.at("127.0.0.3");
      // a long first delay: nothing is retried unless the operator says so
      try (TernProcess tern = TernProcess.on(tmp.resolve("data"))
          .delivering(outbound(sinks.port(), "{initialDelay: 10m, multiplier: 2, maxDelay: 1h}")).start()) {
        String[] ids = new String[3];
        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
          for (int i = 0; i < 3; i++) {
            ids[i] = client.send("sender@sender.example", "h" + (i + 1) + "@hold.example",
                StoredMessages.sampleBody(10 + i, 400));
          }
        }
        for (String id : ids) {
          await(id + " deferred", tern, () -> attempts(tern, id) == 1);
        }

        TernProcess.Result deferred = tern.run("", "queue", "list", "--state", "deferred");
        assertEquals(0, deferred.exitCode(), deferred.output());
        for (String id : ids) {
          assertTrue(deferred.output().contains(id + "  "), deferred.output());
        }
        TernProcess.Result queued = tern.run("", "queue", "list", "--state", "queued");
        assertEquals("", queued.output().trim());
        assertEquals("", tern.run("", "queue", "list", "--domain", "other.example").output().trim());
        assertEquals(3, tern.run("", "queue", "list", "--domain", "HOLD.example").output().trim().split("\n").length);

        TernProcess.Result retry = tern.run("", "queue", "retry", ids[0]);
        assertEquals(ids[0] + ": 1 recipient due now", retry.output().trim());
        await("the retry is attempted", tern, () -> attempts(tern, ids[0]) == 2);

        TernProcess.Result bounce = tern.run("", "queue", "bounce", ids[1]);
        assertEquals(ids[1] + ": bounced, 1 recipient failed", bounce.output().trim());
        List<ScriptedSmtpServer.Received> dsns = sender.awaitReceived(1, DEADLINE);
        assertEquals(1, dsns.size());
        assertEquals("", dsns.get(0).mailFrom());
        assertTrue(Pattern.compile("(?im)^Final-Recipient:\\s*rfc822;\\s*h2@hold\\.example").matcher(dsns.get(0).bodyText()).find(),
            dsns.get(0).bodyText());

        TernProcess.Result delete = tern.run("", "queue", "delete", ids[2]);
        assertEquals(ids[2] + ": deleted, 1 recipient failed without a report", delete.output().trim());
        JsonObject deleted = recipient(show(tern, ids[2]), "h3@hold.example");
        assertEquals("FAILED", deleted.getString("status"));
        assertTrue(deleted.getString("lastReply").contains("deleted by operator"), deleted.encode());

        TernProcess.Result again = tern.run("", "queue", "retry", ids[2]);
        assertEquals(1, again.exitCode());
        assertTrue(again.output().contains("already final"), again.output());
        TernProcess.Result unknown = tern.run("", "queue", "bounce", "FFFF0000");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.output().contains("no message FFFF0000 in the queue"), unknown.output());

        await("only the retried message is left", tern, () -> queueCount(tern) == 1);
        TernProcess.Result flush = tern.run("", "queue", "flush");
        assertEquals("flushed: 1 recipient due now", flush.output().trim());
        await("the flush is attempted", tern, () -> attempts(tern, ids[0]) == 3);
        assertEquals(1, sender.received().size(), "delete sent no report");
        assertNoBlockedThreads(tern);
      }
    }
  }

  // ---- helpers ----

  private static JsonObject show(TernProcess tern, String id) throws Exception {
    JsonObject found = find(tern, id);
    if (found == null) {
      throw new AssertionError("no message " + id + " in the queue");
    }
    return found;
  }

  /** The message as the admin API shows it, or null once the queue no longer knows it. */
  private static JsonObject find(TernProcess tern, String id) throws Exception {
    HttpResponse<String> r = tern.http("/admin/queue/" + id);
    if (r.statusCode() == 404) {
      return null;
    }
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private static JsonObject recipient(JsonObject message, String address) {
    for (Object o : message.getJsonArray("recipients")) {
      JsonObject r = (JsonObject) o;
      if (r.getString("recipient").equals(address)) {
        return r;
      }
    }
    throw new AssertionError("no recipient " + address + " in " + message.encode());
  }

  private static String status(JsonObject message, String address) {
    return recipient(message, address).getString("status");
  }

  private static int attempts(TernProcess tern, String id) throws Exception {
    JsonObject message = show(tern, id);
    JsonObject r = message.getJsonArray("recipients").getJsonObject(0);
    return r.getString("status").equals("DEFERRED") ? r.getInteger("attempts") : -1;
  }

  private static long queueCount(TernProcess tern) throws Exception {
    return new JsonObject(tern.http("/admin/queue/count").body()).getLong("count");
  }

  private static long accepted(ScriptedSmtpServer sink) {
    return sink.received().stream().filter(r -> r.endOfDataReply().startsWith("250")).count();
  }

  /** A blocked event loop is a bug even when every message arrived. */
  private static void assertNoBlockedThreads(TernProcess tern) {
    assertFalse(tern.logText().contains("has been blocked for"), tern.logText());
  }

  private static void await(String what, TernProcess tern, Callable<Boolean> condition) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (condition.call()) {
        return;
      }
      Thread.sleep(150);
    }
    fail("timed out waiting until " + what + "; tern log:\n" + tern.logText());
  }
}
