package dev.tern.load.imap;

import dev.tern.load.engine.LoadSession;
import dev.tern.load.engine.Operation;
import dev.tern.load.engine.Outcome;
import dev.tern.load.engine.Credentials;
import dev.tern.load.mailbox.OnLoop;
import dev.tern.load.mailbox.RecordingContext;
import dev.tern.load.mailbox.ScriptedServer;
import dev.tern.load.mailbox.ScriptedServerTestBase;
import dev.tern.load.mailbox.TlsMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IMAP workload against scripted servers: set-up, fetch cycles, refusals, broken connections, TLS. */
class ImapWorkloadTest extends ScriptedServerTestBase {

  final FakeImap fake = new FakeImap();
  OnLoop loop;
  RecordingContext context;

  ImapWorkload workload(TlsMode tls, long envelopes, int bodies, boolean reselect, boolean saslPlain,
                        long timeoutMillis) {
    ImapSettings settings = new ImapSettings(server.target(tls, timeoutMillis),
        new Credentials("load@example.test", "p\"a\\ss word"), saslPlain, "INBOX", envelopes, bodies, reselect, 42);
    ImapWorkload workload = new ImapWorkload(settings);
    loop = new OnLoop(vertx);
    context = new RecordingContext(vertx, workload.phases());
    return workload;
  }

  ImapWorkload workload(long envelopes, int bodies) {
    return workload(TlsMode.NONE, envelopes, bodies, false, false, 5000);
  }

  LoadSession open(ImapWorkload workload) throws Exception {
    return loop.call(() -> workload.open(context));
  }

  Outcome run(LoadSession session, long index) throws Exception {
    return loop.call(() -> session.run(new Operation(index, System.nanoTime())));
  }

  static long octets(long... numbers) {
    return LongStream.of(numbers).map(n -> FakeImap.message(n).length()).sum();
  }

  @Test
  void aFetchCycleFetchesTheNewestEnvelopesAndPickedBodiesWhole() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(3, 2);
    LoadSession session = open(workload);
    assertEquals(Outcome.OK, run(session, 0));

    List<String> sent = server.received();
    assertEquals("L1 LOGIN \"load@example.test\" \"p\\\"a\\\\ss word\"", sent.get(0));
    assertEquals("L2 SELECT \"INBOX\"", sent.get(1));
    assertEquals("L3 FETCH 3:5 (UID FLAGS RFC822.SIZE ENVELOPE)", sent.get(2));
    String bodies = sent.get(3);
    assertTrue(bodies.matches("L4 FETCH \\d(,\\d|:\\d) BODY\\.PEEK\\[]"), bodies);
    assertEquals(3, workload.tally().envelopes());
    assertEquals(2, workload.tally().bodies());
    long[] picked = picked(bodies);
    assertEquals(octets(picked), workload.tally().bodyOctets());
    assertEquals(octets(picked), context.bytes());
    for (String phase : List.of("connect", "greeting", "login", "select", "envelopes", "bodies")) {
      assertEquals(1, context.count(phase), phase);
    }
    assertEquals(0, context.count("starttls"));
    assertTrue(session.reusable());

    loop.call(session::close);
    assertEquals("L5 LOGOUT", server.received().get(4));
  }

  static long[] picked(String fetchLine) {
    String set = fetchLine.split(" ")[2];
    return java.util.Arrays.stream(set.split(",")).flatMapToLong(range -> {
      String[] ends = range.split(":");
      return LongStream.rangeClosed(Long.parseLong(ends[0]), Long.parseLong(ends[ends.length - 1]));
    }).toArray();
  }

  @Test
  void responsesSplitIntoSmallTcpSegmentsParseTheSame() throws Exception {
    fake.pieceSize = 7;
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(ImapSettings.ALL_MESSAGES, 5);
    LoadSession session = open(workload);
    assertEquals(Outcome.OK, run(session, 0));
    assertEquals("L3 UID FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE)", server.received().get(2));
    assertEquals("L4 FETCH 1:5 BODY.PEEK[]", server.received().get(3));
    assertEquals(5, workload.tally().envelopes());
    assertEquals(5, workload.tally().bodies());
    assertEquals(octets(1, 2, 3, 4, 5), context.bytes());
  }

  @Test
  void theSameSeedPicksTheSameBodiesForTheSameOperation() throws Exception {
    fake.exists = 1000;
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession first = open(workload(0, 3));
    LoadSession second = open(workload(0, 3));
    run(first, 7);
    run(second, 7);
    run(second, 8);
    List<String> fetches = server.received().stream().filter(l -> l.contains("BODY.PEEK")).toList();
    assertEquals(fetches.get(0), fetches.get(1));
    assertFalse(fetches.get(1).equals(fetches.get(2)), "another operation picks other messages: " + fetches);
  }

  @Test
  void nothingToFetchSendsNothingAndAnEmptyMailboxFetchesNothing() throws Exception {
    fake.exists = 0;
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(10, 10);
    LoadSession session = open(workload);
    assertEquals(Outcome.OK, run(session, 0));
    assertEquals(2, server.received().size(), server.received().toString());
    assertEquals(0, context.count("envelopes"));
  }

  @Test
  void reselectSelectsAgainInEveryCycle() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(TlsMode.NONE, 1, 0, true, false, 5000));
    run(session, 0);
    run(session, 1);
    assertEquals(3, server.received().stream().filter(l -> l.contains(" SELECT ")).count());
    assertEquals(3, context.count("select"));
    assertEquals(2, context.count("envelopes"));
  }

  @Test
  void taggedNoAndBadMapToOutcomesAndKeepTheSessionReusable() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(1, 0);
    LoadSession session = open(workload);
    String[] replies = {"NO [UNAVAILABLE] backend down", "NO [INUSE] mailbox locked", "NO [SERVERBUG] oops",
        "NO no such message", "BAD syntax"};
    Outcome[] expected = {Outcome.TEMPORARY, Outcome.TEMPORARY, Outcome.PERMANENT, Outcome.PERMANENT,
        Outcome.PERMANENT};
    for (int i = 0; i < replies.length; i++) {
      String reply = replies[i];
      fake.on("FETCH", (peer, c) -> fake.reply(peer, c.tag() + " " + reply + "\r\n"));
      assertEquals(expected[i], run(session, i), reply);
      assertTrue(session.reusable(), reply);
    }
    assertTrue(workload.tally().errors().lines().contains("FETCH envelopes: BAD syntax"),
        workload.tally().errors().lines().toString());
  }

  @Test
  void aRefusedReselectEndsTheCycleWithItsOutcome() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(TlsMode.NONE, 1, 1, true, false, 5000));
    fake.on("SELECT", (peer, c) -> fake.reply(peer, c.tag() + " NO [UNAVAILABLE] later\r\n"));
    assertEquals(Outcome.TEMPORARY, run(session, 0));
    assertFalse(server.received().stream().anyMatch(l -> l.contains("FETCH")), server.received().toString());
  }

  @Test
  void byeDuringAFetchBreaksTheSession() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(1, 0));
    fake.on("FETCH", (peer, c) -> peer.send("* BYE shutting down\r\n").close());
    Throwable failure = loop.failure(() -> session.run(new Operation(0, System.nanoTime())));
    assertInstanceOf(IOException.class, failure);
    assertFalse(session.reusable());
  }

  @Test
  void aByeGreetingFailsTheOpen() throws Exception {
    fake.greeting = "* BYE too many connections\r\n";
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(1, 0);
    Throwable failure = loop.failure(() -> workload.open(context));
    assertInstanceOf(SetupRefusedException.class, failure);
    assertTrue(failure.getMessage().contains("too many connections"), failure.getMessage());
    assertEquals(1, context.count("greeting"));
  }

  @Test
  void aRefusedLoginFailsTheOpenAfterLoggingOut() throws Exception {
    fake.on("LOGIN", (peer, c) -> fake.reply(peer, c.tag() + " NO [AUTHENTICATIONFAILED] invalid\r\n"));
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(1, 0);
    Throwable failure = loop.failure(() -> workload.open(context));
    assertInstanceOf(SetupRefusedException.class, failure);
    assertTrue(failure.getMessage().contains("AUTHENTICATIONFAILED"), failure.getMessage());
    assertEquals(1, context.count("login"));
    assertEquals(0, context.count("select"));
    OnLoop.await("the client logged out", () -> server.received().size() == 2);
    assertTrue(server.received().get(1).endsWith(" LOGOUT"), server.received().toString());
  }

  @Test
  void aMissingMailboxFailsTheOpen() throws Exception {
    fake.on("SELECT", (peer, c) -> fake.reply(peer, c.tag() + " NO [NONEXISTENT] no such mailbox\r\n"));
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(1, 0);
    Throwable failure = loop.failure(() -> workload.open(context));
    assertTrue(failure.getMessage().contains("NONEXISTENT"), failure.getMessage());
  }

  @Test
  void preauthSkipsTheLogin() throws Exception {
    fake.greeting = "* PREAUTH welcome back\r\n";
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(1, 0);
    run(open(workload), 0);
    assertTrue(server.received().get(0).endsWith("SELECT \"INBOX\""), server.received().toString());
    assertEquals(0, context.count("login"));
  }

  @Test
  void theServerClosingInTheMiddleOfALiteralFailsTheOperation() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(0, 1));
    fake.on("FETCH", (peer, c) -> peer.send("* 1 FETCH (BODY[] {100}\r\nonly a part").close());
    Throwable failure = loop.failure(() -> session.run(new Operation(0, System.nanoTime())));
    assertInstanceOf(IOException.class, failure);
    assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
    assertFalse(session.reusable());
  }

  @Test
  void aServerThatStopsAnsweringTimesOut() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    ImapWorkload workload = workload(TlsMode.NONE, 1, 0, false, false, 300);
    LoadSession session = open(workload);
    fake.on("FETCH", (peer, c) -> peer.send("* 1 FETCH (UID 1 FLAGS ()"));
    Throwable failure = loop.failure(() -> session.run(new Operation(0, System.nanoTime())));
    assertTrue(failure.getMessage().contains("no reply"), failure.getMessage());
    assertFalse(session.reusable());
    OnLoop.await("the client closed the connection", () -> server.peers().get(0).closed());
  }

  @Test
  void closingTheSessionDuringAFetchEndsTheConnectionAndFailsTheFetch() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(1, 0));
    fake.on("FETCH", (peer, c) -> { });
    Throwable failure = loop.failure(() -> {
      var running = session.run(new Operation(0, System.nanoTime()));
      OnLoop.awaitQuietly(vertx, () -> server.received().stream().anyMatch(l -> l.contains("FETCH")),
          session::close);
      return running;
    });
    assertTrue(failure.getMessage().contains("closed by the client"), failure.getMessage());
    OnLoop.await("the connection is closed", () -> server.peers().get(0).closed());
  }

  @Test
  void anUnexpectedTaggedReplyOrContinuationIsAProtocolError() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(1, 0));
    fake.on("FETCH", (peer, c) -> peer.send("+ what?\r\n"));
    Throwable failure = loop.failure(() -> session.run(new Operation(0, System.nanoTime())));
    assertTrue(failure.getMessage().contains("protocol error"), failure.getMessage());

    LoadSession other = open(workload(1, 0));
    fake.on("FETCH", (peer, c) -> peer.send("Z9 OK not yours\r\n"));
    failure = loop.failure(() -> other.run(new Operation(0, System.nanoTime())));
    assertTrue(failure.getMessage().contains("protocol error"), failure.getMessage());
  }

  @Test
  void anEndlessLineIsAProtocolError() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = open(workload(1, 0));
    String endless = "* 1 FETCH (UID 1 X-JUNK \"" + "a".repeat(ImapResponseReader.MAX_TEXT_OCTETS + 10);
    fake.on("FETCH", (peer, c) -> peer.send(endless));
    Throwable failure = loop.failure(() -> session.run(new Operation(0, System.nanoTime())));
    assertTrue(failure.getMessage().contains("longer than"), failure.getMessage());
  }

  @Test
  void startTlsUpgradesAndAsksForCapabilitiesAgain() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.STARTTLS_CAPABLE);
    ImapWorkload workload = workload(TlsMode.STARTTLS, 2, 1, false, false, 5000);
    LoadSession session = open(workload);
    assertEquals(Outcome.OK, run(session, 0));
    assertEquals(List.of("L1 STARTTLS", "L2 CAPABILITY"), server.received().subList(0, 2));
    assertTrue(server.received().get(2).startsWith("L3 LOGIN "), server.received().toString());
    assertTrue(server.peers().get(0).tls());
    assertEquals(1, context.count("starttls"));
    assertEquals(2, workload.tally().envelopes());
  }

  @Test
  void implicitTlsFetchesOverTls() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.IMPLICIT);
    ImapWorkload workload = workload(TlsMode.IMPLICIT, 0, 2, false, false, 5000);
    assertEquals(Outcome.OK, run(open(workload), 0));
    assertTrue(server.peers().get(0).tls());
    assertEquals(2, workload.tally().bodies());
  }

  @Test
  void authenticatePlainAnswersTheChallengeOrSendsAnInitialResponse() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    run(open(workload(TlsMode.NONE, 1, 0, false, true, 5000)), 0);
    String expected = java.util.Base64.getEncoder().encodeToString(
        "\0load@example.test\0p\"a\\ss word".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(List.of("L1 AUTHENTICATE PLAIN", expected), server.received().subList(0, 2));

    fake.greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n";
    int before = server.received().size();
    run(open(workload(TlsMode.NONE, 1, 0, false, true, 5000)), 0);
    assertEquals("L1 AUTHENTICATE PLAIN " + expected, server.received().get(before));
  }
}
