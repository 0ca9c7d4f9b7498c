package dev.tern.ops.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kill -9 while mail for local users is being accepted and delivered into their Maildirs: after the restart every
 * acknowledged message reaches its mailbox (local delivery is at least once: a message stored just before the kill,
 * whose outcome was not yet journaled, may arrive twice), each mailbox's index has repaired itself, and the UIDs a
 * POP3 client sees are unique.
 */
class LocalDeliveryCrashIT {

  private static final int SESSIONS = 20;
  private static final int KILL_AFTER_ACKS = 300;
  private static final List<String> USERS = List.of("u0", "u1", "u2", "u3");
  private static final String PASSWORD = "crash test password";
  private static final Pattern MESSAGE_ID = Pattern.compile("Message-ID: <(\\d+)@client\\.example>");

  @TempDir
  Path tmp;

  @Test
  void everyAcknowledgedLocalMessageReachesItsMailboxAfterSigkill() throws Exception {
    TernProcess first = TernProcess.on(tmp.resolve("data"));
    Files.createDirectories(first.data);
    for (String user : USERS) {
      TernProcess.Result added = first.run(PASSWORD + "\n", "user", "add", user + "@localhost", "--password-stdin");
      assertEquals(0, added.exitCode(), added.output());
    }
    first.start();
    Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger sequence = new AtomicInteger();
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

    try (TernProcess second = first.again().start()) {
      for (int i = 0; i < 600 && AdminQueue.count(second) > 0; i++) {
        Thread.sleep(100);
      }
      assertEquals(0, AdminQueue.count(second), "every queued local message was delivered:\n" + second.logText());
      for (String user : USERS) {
        assertMailbox(user, acknowledged, second);
      }
      assertEquals(0, second.terminate(), "graceful stop after recovery");
    }
  }

  private void assertMailbox(String user, Map<Integer, String> acknowledged, TernProcess tern) throws Exception {
    Path saved = tmp.resolve("saved-" + user);
    Tools.Run run = Pop3Clients.poplib(tmp, "plain", "127.0.0.1", tern.pop3Port, user + "@localhost", PASSWORD,
        "uidl", "save=" + saved).assertOk();
    List<String> uidls = Pop3Clients.line(run, "uidl");
    assertEquals(uidls.size(), new HashSet<>(uidls).size(), "no UID is used twice: " + uidls);
    Set<Integer> found = new HashSet<>();
    try (Stream<Path> files = Files.list(saved)) {
      for (Path file : files.toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher m = MESSAGE_ID.matcher(text);
        assertTrue(m.find(), "a message of ours: " + file);
        int n = Integer.parseInt(m.group(1));
        String sent = acknowledged.get(n);
        if (sent != null) {
          assertTrue(text.endsWith(sent), "message " + n + " is whole");
        }
        found.add(n);
      }
    }
    List<Integer> missing = new ArrayList<>();
    acknowledged.keySet().stream().filter(n -> USERS.get(n % USERS.size()).equals(user))
        .filter(n -> !found.contains(n)).forEach(missing::add);
    assertEquals(List.of(), missing, "acknowledged messages missing from " + user + "'s mailbox");
  }

  private static void sendUntilStopped(TernProcess tern, Map<Integer, String> acknowledged, AtomicBoolean stop,
                                       AtomicInteger sequence) {
    try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
      while (!stop.get()) {
        int n = sequence.incrementAndGet();
        String body = StoredMessages.sampleBody(n, 2048);
        client.send("load@client.example", USERS.get(n % USERS.size()) + "@localhost", body);
        acknowledged.put(n, body);
      }
    } catch (IOException expectedAtKill) {
      // the server was killed under this session; what it acknowledged is recorded
    }
  }
}
