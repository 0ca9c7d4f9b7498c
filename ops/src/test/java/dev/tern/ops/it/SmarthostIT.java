package dev.tern.ops.it;

import dev.tern.delivery.testing.ScriptedSmtpServer;
import dev.tern.delivery.testing.TestCertificate;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real `tern serve` in smarthost mode: every non-local message goes to one relayhost (a scripted SMTP server on
 * 127.0.0.7) over STARTTLS with AUTH, whatever its domain. The DNS server tern is given never answers, so mail
 * that arrives anywhere can only have gone through the relayhost. A refused login and a relayhost without STARTTLS
 * both leave the mail deferred, and in the latter case the credentials never leave tern. No timing assertions:
 * every wait polls with a deadline.
 */
class SmarthostIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String RELAY_ADDRESS = "127.0.0.7";
  private static final String USER = "tern-relay@provider.example";
  private static final String PASSWORD = "correct horse 7";

  @TempDir
  Path tmp;

  /** delivery and dns sections: the relayhost with credentials, self-signed TLS accepted, fast retries. */
  private static String smarthostConfig(ScriptedSmtpServer relay, String password) throws Exception {
    return String.join("\n",
        "delivery:",
        "  retry: {initialDelay: 1s, multiplier: 2, maxDelay: 2s}",
        "  allowPrivateMx: true",
        "  relayhost:",
        "    address: \"" + RELAY_ADDRESS + ":" + relay.port() + "\"",
        "    username: \"" + USER + "\"",
        "    password: \"" + password + "\"",
        "  tls:",
        "    verify: false",
        "dns:",
        "  servers: [\"127.0.0.1:" + TernProcess.freePorts(1)[0] + "\"]",
        "  timeout: 1s",
        "");
  }

  @Test
  void mailForAnyRemoteDomainReachesTheSmarthostOverTlsAfterAuth() throws Exception {
    try (ScriptedSmtpServer relay = ScriptedSmtpServer.start(RELAY_ADDRESS, 0)
        .startTls(TestCertificate.generate("relay.test"))
        .auth(USER, PASSWORD);
         TernProcess tern = TernProcess.on(tmp.resolve("data")).delivering(smarthostConfig(relay, PASSWORD)).start()) {
      String first;
      String second;
      try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
        first = client.send("sender@client.example", "alice@first-remote.example", StoredMessages.sampleBody(1, 600));
        second = client.send("sender@client.example", "bob@second-remote.example", StoredMessages.sampleBody(2, 600));
      }

      List<ScriptedSmtpServer.Received> received = relay.awaitReceived(2, DEADLINE);
      assertEquals(2, received.size(), "both messages reached the smarthost; tern log:\n" + tern.logText());
      Set<String> recipients = received.stream().flatMap(r -> r.recipients().stream()).collect(Collectors.toSet());
      assertEquals(Set.of("alice@first-remote.example", "bob@second-remote.example"), recipients,
          "two different remote domains, one smarthost");
      for (ScriptedSmtpServer.Received r : received) {
        assertTrue(r.tls(), "delivered inside TLS");
        assertEquals(USER, r.authUser(), "delivered after a successful AUTH as the configured user");
        assertEquals("sender@client.example", r.mailFrom());
        assertTrue(r.endOfDataReply().startsWith("250"), r.endOfDataReply());
      }
      assertTrue(received.stream().anyMatch(r -> r.bodyText().contains("Subject: message 1")), "message 1 itself arrived");
      assertTrue(received.stream().anyMatch(r -> r.bodyText().contains("Subject: message 2")), "message 2 itself arrived");

      for (ScriptedSmtpServer.Session session : relay.sessions()) {
        List<String> commands = upper(session.commands());
        int auth = indexOfPrefix(commands, "AUTH ");
        if (auth >= 0) {
          int startTls = commands.indexOf("STARTTLS");
          assertTrue(startTls >= 0 && startTls < auth, "AUTH only after STARTTLS: " + commands);
        }
      }
      assertTrue(relay.awaitCommand("AUTH ", 1, DEADLINE), "tern authenticated");

      await("the queue drains", tern, () -> AdminQueue.count(tern) == 0);
      assertFalse(tern.logText().contains(PASSWORD), "the password is never logged");
      assertFalse(tern.logText().contains(plainToken(PASSWORD)), "nor the AUTH PLAIN token");
      for (String id : List.of(first, second)) {
        assertDeliveredOrForgotten(tern, id);
      }
      assertNoBlockedThreads(tern);
    }
  }

  @Test
  void aRefusedPasswordLeavesTheMessageDeferredNotBounced() throws Exception {
    try (ScriptedSmtpServer relay = ScriptedSmtpServer.start(RELAY_ADDRESS, 0)
        .startTls(TestCertificate.generate("relay.test"))
        .auth(USER, PASSWORD);
         TernProcess tern = TernProcess.on(tmp.resolve("data"))
             .delivering(smarthostConfig(relay, "wrong password")).start()) {
      String id;
      try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
        id = client.send("sender@client.example", "carol@remote.example", StoredMessages.sampleBody(3, 500));
      }
      // Two attempts: the first refusal was retried, not turned into a failure.
      await("two refused attempts", tern, () -> {
        JsonObject r = AdminQueue.recipient(tern, id, "carol@remote.example");
        return r.getString("status").equals("DEFERRED") && r.getInteger("attempts") >= 2;
      });
      JsonObject r = AdminQueue.recipient(tern, id, "carol@remote.example");
      assertEquals("DEFERRED", r.getString("status"), r.encode());
      String reply = r.getString("lastReply");
      assertTrue(reply.startsWith("4"), "a temporary failure: " + reply);
      assertTrue(reply.toLowerCase(Locale.ROOT).contains("authentication"), reply);
      assertTrue(reply.contains("535"), "the smarthost's own reply is kept: " + reply);

      assertTrue(relay.awaitCommand("AUTH ", 2, DEADLINE), "tern tried to log in on each attempt");
      for (ScriptedSmtpServer.Session session : relay.sessions()) {
        List<String> commands = upper(session.commands());
        assertEquals(-1, indexOfPrefix(commands, "MAIL FROM"), "no mail without a login: " + commands);
      }
      assertEquals(List.of(), relay.received(), "nothing delivered, and no bounce sent through the smarthost");
      assertEquals(1, AdminQueue.count(tern), "the message waits in the queue");
      assertFalse(tern.logText().contains("wrong password"), "the password is never logged");
      assertNoBlockedThreads(tern);
    }
  }

  @Test
  void credentialsAreNeverSentToASmarthostWithoutStartTls() throws Exception {
    try (ScriptedSmtpServer relay = ScriptedSmtpServer.start(RELAY_ADDRESS, 0).auth(USER, PASSWORD);
         TernProcess tern = TernProcess.on(tmp.resolve("data")).delivering(smarthostConfig(relay, PASSWORD)).start()) {
      String id;
      try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", tern.smtpPort)) {
        id = client.send("sender@client.example", "dave@remote.example", StoredMessages.sampleBody(4, 500));
      }
      await("two attempts without TLS", tern, () -> {
        JsonObject r = AdminQueue.recipient(tern, id, "dave@remote.example");
        return r.getString("status").equals("DEFERRED") && r.getInteger("attempts") >= 2;
      });
      JsonObject r = AdminQueue.recipient(tern, id, "dave@remote.example");
      assertEquals("DEFERRED", r.getString("status"), r.encode());
      assertTrue(r.getString("lastReply").startsWith("4"), r.encode());
      assertTrue(r.getString("lastReply").contains("STARTTLS"), "the reply says why: " + r.encode());

      assertTrue(relay.connections() >= 2, "tern did connect, twice");
      String token = plainToken(PASSWORD);
      String loginUser = base64(USER);
      String loginPassword = base64(PASSWORD);
      for (ScriptedSmtpServer.Session session : relay.sessions()) {
        List<String> commands = upper(session.commands());
        assertEquals(-1, indexOfPrefix(commands, "AUTH"), "no AUTH command reached the server: " + commands);
        assertEquals(-1, indexOfPrefix(commands, "MAIL FROM"), "no mail in plaintext either: " + commands);
        for (String command : session.commands()) {
          assertFalse(command.contains(PASSWORD) || command.contains(token) || command.contains(loginUser)
              || command.contains(loginPassword), "credentials sent in plaintext: " + command);
        }
      }
      assertEquals(List.of(), relay.received());
      assertEquals(1, AdminQueue.count(tern));
      assertNoBlockedThreads(tern);
    }
  }

  @Test
  void aUsernameWithoutAPasswordStopsTernBeforeItListens() throws Exception {
    String config = String.join("\n",
        "delivery:",
        "  relayhost:",
        "    address: \"" + RELAY_ADDRESS + ":2525\"",
        "    username: \"" + USER + "\"",
        "");
    TernProcess tern = TernProcess.on(tmp.resolve("data")).delivering(config);
    try (tern) {
      IllegalStateException refused = assertThrows(IllegalStateException.class, tern::start);
      assertTrue(refused.getMessage().startsWith("tern exited with"), refused.getMessage());
      assertTrue(refused.getMessage().contains("delivery.relayhost.password"), refused.getMessage());
      assertFalse(tern.alive());
    }
  }

  // ---- helpers ----

  /** Delivered: the queue shows a 250 from the smarthost, or has already dropped the finished message. */
  private static void assertDeliveredOrForgotten(TernProcess tern, String id) throws Exception {
    HttpResponse<String> r = tern.http("/admin/queue/" + id);
    if (r.statusCode() == 404) {
      return;
    }
    assertEquals(200, r.statusCode(), r.body());
    for (Object o : new JsonObject(r.body()).getJsonArray("recipients")) {
      JsonObject recipient = (JsonObject) o;
      assertEquals("DELIVERED", recipient.getString("status"), recipient.encode());
      assertTrue(recipient.getString("lastReply").startsWith("250"), recipient.encode());
    }
  }

  private static String plainToken(String password) {
    return base64("\0" + USER + "\0" + password);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> upper(List<String> commands) {
    return commands.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
  }

  private static int indexOfPrefix(List<String> commands, String prefix) {
    for (int i = 0; i < commands.size(); i++) {
      if (commands.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
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
