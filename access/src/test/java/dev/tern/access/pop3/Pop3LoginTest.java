package dev.tern.access.pop3;

import dev.tern.access.pop3.internal.codec.ApopDigest;
import dev.tern.access.pop3.support.ApopSecrets;
import dev.tern.access.pop3.support.Pop3Client;
import dev.tern.access.pop3.support.Pop3TestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tern.access.pop3.support.Pop3Fixture.ALICE;
import static dev.tern.access.pop3.support.Pop3Fixture.ALICE_PASSWORD;
import static dev.tern.access.pop3.support.Pop3Fixture.BOB;
import static dev.tern.access.pop3.support.Pop3Fixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** USER/PASS, AUTH PLAIN and APOP, the failure limits, and the maildrop lock. */
class Pop3LoginTest extends Pop3TestBase {

  private static final Pattern TIMESTAMP = Pattern.compile("(<[^>]+>)$");

  private static String plain(String authzid, String user, String password) {
    byte[] message = (authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(message);
  }

  @Test
  void userPassGoodAndBad() throws Exception {
    start();
    pop3.deliver(ALICE, "Subject: one\r\n\r\nhi\r\n");
    try (Pop3Client client = pop3.connect()) {
      client.ok("USER " + ALICE);
      assertEquals("-ERR [AUTH] invalid user name or password", client.err("PASS nope"));
      // A failed PASS needs USER again.
      assertTrue(client.err("PASS " + ALICE_PASSWORD).contains("USER first"));
      client.ok("USER " + ALICE);
      assertEquals("+OK maildrop has 1 messages (20 octets)", client.ok("PASS " + ALICE_PASSWORD));
      client.ok("QUIT");
    }
    assertEquals(1, pop3.counter("tern.pop3.logins", "result", "ok"));
    assertEquals(1, pop3.counter("tern.pop3.logins", "result", "failed"));
  }

  @Test
  void unknownUserLooksLikeAWrongPassword() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      assertTrue(client.ok("USER nobody@example.com").startsWith("+OK"));
      assertEquals("-ERR [AUTH] invalid user name or password", client.err("PASS whatever"));
    }
  }

  @Test
  void passwordWithSpacesAndCaseInsensitiveLoginName() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.ok("USER Alice@Example.COM");
      client.ok("PASS " + ALICE_PASSWORD);
      client.ok("STAT");
    }
  }

  @Test
  void authPlainWithAndWithoutInitialResponse() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.ok("AUTH PLAIN " + plain("", ALICE, ALICE_PASSWORD));
      client.ok("STAT");
      client.ok("QUIT");
    }
    try (Pop3Client client = pop3.connect()) {
      client.send("AUTH PLAIN");
      assertEquals("+ ", client.line());
      client.send(plain(ALICE, ALICE, ALICE_PASSWORD));
      client.ok();
      client.ok("QUIT");
    }
    try (Pop3Client client = pop3.connect()) {
      client.send("AUTH PLAIN");
      assertEquals("+ ", client.line());
      client.send(plain("", ALICE, "wrong"));
      assertEquals("-ERR [AUTH] invalid user name or password", client.err());
      client.err("STAT");
    }
  }

  @Test
  void authPlainCancelledMalformedOrUnsupported() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.send("AUTH PLAIN");
      assertEquals("+ ", client.line());
      client.send("*");
      assertTrue(client.err().contains("cancelled"));
      client.send("AUTH PLAIN");
      client.line();
      client.send("not base64!");
      assertTrue(client.err().contains("not base64"));
      client.err("AUTH PLAIN abc");
      assertTrue(client.err("AUTH PLAIN " + plain("bob", ALICE, ALICE_PASSWORD)).contains("malformed"));
      assertTrue(client.err("AUTH CRAM-MD5").contains("unsupported"));
      // After all that the session still logs in.
      client.ok("AUTH PLAIN " + plain("", ALICE, ALICE_PASSWORD));
    }
  }

  @Test
  void authAloneListsTheMechanisms() throws Exception {
    start();
    try (Pop3Client client = pop3.connect()) {
      client.ok("AUTH");
      assertEquals(List.of("PLAIN"), client.body());
    }
  }

  @Test
  void apopWhenEnabled() throws Exception {
    start(options().apop(true), store -> new ApopSecrets(store, Map.of(ALICE, "tanstaaf")));
    try (Pop3Client client = new Pop3Client("127.0.0.1", pop3.port())) {
      String greeting = client.ok();
      Matcher timestamp = TIMESTAMP.matcher(greeting);
      assertTrue(timestamp.find(), greeting);
      assertTrue(timestamp.group(1).endsWith("@pop.test>"), greeting);
      String wrong = ApopDigest.expected(timestamp.group(1), "other".getBytes(StandardCharsets.UTF_8));
      assertEquals("-ERR [AUTH] invalid user name or password", client.err("APOP " + ALICE + " " + wrong));
      // A user without a secret fails exactly like a wrong digest.
      String forBob = ApopDigest.expected(timestamp.group(1), "tanstaaf".getBytes(StandardCharsets.UTF_8));
      assertEquals("-ERR [AUTH] invalid user name or password", client.err("APOP " + BOB + " " + forBob));
      String right = ApopDigest.expected(timestamp.group(1), "tanstaaf".getBytes(StandardCharsets.UTF_8));
      client.ok("APOP " + ALICE + " " + right);
      client.ok("STAT");
    }
  }

  @Test
  void apopWhenDisabled() throws Exception {
    start(options(), store -> new ApopSecrets(store, Map.of(ALICE, "tanstaaf")));
    try (Pop3Client client = new Pop3Client("127.0.0.1", pop3.port())) {
      String greeting = client.ok();
      assertFalse(greeting.contains("<"), greeting);
      String digest = ApopDigest.expected("<1.2@pop.test>", "tanstaaf".getBytes(StandardCharsets.UTF_8));
      assertTrue(client.err("APOP " + ALICE + " " + digest).contains("not available"));
    }
  }

  @Test
  void authFailuresPerSessionEndTheSession() throws Exception {
    start(options().maxAuthFailuresPerSession(3).maxAuthFailuresPerIp(100));
    try (Pop3Client client = pop3.connect()) {
      client.ok("USER " + ALICE);
      client.err("PASS bad1");
      client.err("AUTH PLAIN " + plain("", ALICE, "bad2"));
      client.ok("USER " + ALICE);
      assertEquals("-ERR [AUTH] too many authentication failures, closing connection", client.err("PASS bad3"));
      assertTrue(client.closedByServer());
    }
    try (Pop3Client fresh = pop3.loginAlice()) {
      fresh.ok("STAT");
    }
  }

  @Test
  void perIpThrottleRefusesBeforeCheckingThePassword() throws Exception {
    start(options().maxAuthFailuresPerSession(10).maxAuthFailuresPerIp(2));
    try (Pop3Client client = pop3.connect()) {
      client.ok("USER " + ALICE);
      client.err("PASS bad1");
      client.ok("USER " + ALICE);
      client.err("PASS bad2");
      client.ok("USER " + ALICE);
      assertEquals("-ERR [SYS/TEMP] too many failures, try later", client.err("PASS " + ALICE_PASSWORD));
    }
    try (Pop3Client other = pop3.connect()) {
      assertEquals("-ERR [SYS/TEMP] too many failures, try later",
          other.err("AUTH PLAIN " + plain("", ALICE, ALICE_PASSWORD)));
    }
    assertEquals(2, pop3.counter("tern.pop3.logins", "result", "throttled"));
  }

  @Test
  void secondLoginIsRefusedInUseUntilTheFirstQuits() throws Exception {
    start();
    try (Pop3Client first = pop3.loginAlice(); Pop3Client second = pop3.connect()) {
      second.ok("USER " + ALICE);
      assertEquals("-ERR [IN-USE] maildrop already locked by another session", second.err("PASS " + ALICE_PASSWORD));
      // still in AUTHORIZATION
      second.err("STAT");
      // another account is not affected
      try (Pop3Client bob = pop3.connect()) {
        bob.login(BOB, "builder");
      }
      first.ok("QUIT");
      second.login(ALICE, ALICE_PASSWORD);
      second.ok("STAT");
    }
  }

  @Test
  void droppedConnectionReleasesTheMaildrop() throws Exception {
    start();
    Pop3Client first = pop3.loginAlice();
    first.close();
    eventually("the maildrop is released", () -> {
      try (Pop3Client again = pop3.connect()) {
        again.ok("USER " + ALICE);
        again.send("PASS " + ALICE_PASSWORD);
        return again.line().startsWith("+OK");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }
}
