package dev.tern.load.pop3;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The POP3 workload against scripted servers: whole sessions, dot-stuffing, refusals, broken connections, TLS. */
class Pop3WorkloadTest extends ScriptedServerTestBase {

  final FakePop3 fake = new FakePop3();
  OnLoop loop;
  RecordingContext context;
  Pop3Workload workload;

  LoadSession session(TlsMode tls, boolean saslPlain, int retr, boolean verify, long timeoutMillis)
      throws Exception {
    workload = new Pop3Workload(new Pop3Settings(server.target(tls, timeoutMillis),
        new Credentials("load@example.test", "secret with spaces"), saslPlain, retr, verify));
    loop = new OnLoop(vertx);
    context = new RecordingContext(vertx, workload.phases());
    return loop.call(() -> workload.open(context));
  }

  LoadSession session() throws Exception {
    return session(TlsMode.NONE, false, Pop3Settings.ALL_MESSAGES, true, 5000);
  }

  LoadSession pipelinedSession(int pipeline) throws Exception {
    workload = new Pop3Workload(new Pop3Settings(server.target(TlsMode.NONE, 5000),
        new Credentials("load@example.test", "secret with spaces"), false, Pop3Settings.ALL_MESSAGES, true,
        pipeline));
    loop = new OnLoop(vertx);
    context = new RecordingContext(vertx, workload.phases());
    return loop.call(() -> workload.open(context));
  }

  @Test
  void retrsArePipelinedWhenTheServerOffersIt() throws Exception {
    fake.on("CAPA", (peer, arg) -> fake.reply(peer, "+OK\r\nUSER\r\nPIPELINING\r\n.\r\n"));
    // Answers nothing until all three RETRs are in: a client sending one at a time would time out.
    java.util.List<String> held = new java.util.ArrayList<>();
    fake.on("RETR", (peer, arg) -> {
      held.add(arg);
      if (held.size() == fake.messages) {
        for (String n : held) {
          int number = Integer.parseInt(n);
          fake.reply(peer, "+OK\r\n" + FakePop3.dotStuffed(FakePop3.message(number)) + ".\r\n");
        }
      }
    });
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = pipelinedSession(8);
    assertEquals(Outcome.OK, run(session));
    assertEquals(List.of("1", "2", "3"), held);
    assertEquals(3, workload.tally().retrieved());
    assertEquals(fake.totalOctets(), workload.tally().octets(), "each reply went to its own RETR");
    assertEquals(0, workload.tally().sizeMismatches());
  }

  @Test
  void withoutPipeliningInCapaRetrsGoOneAtATime() throws Exception {
    fake.on("CAPA", (peer, arg) -> fake.reply(peer, "+OK\r\nUSER\r\n.\r\n"));
    java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger mostOutstanding = new java.util.concurrent.atomic.AtomicInteger();
    fake.on("RETR", (peer, arg) -> {
      mostOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
      int number = Integer.parseInt(arg);
      vertx.setTimer(100, id -> {
        outstanding.decrementAndGet();
        fake.reply(peer, "+OK\r\n" + FakePop3.dotStuffed(FakePop3.message(number)) + ".\r\n");
      });
    });
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = pipelinedSession(8);
    assertEquals(Outcome.OK, run(session));
    assertTrue(server.received().contains("CAPA"), "asks before pipelining");
    assertEquals(1, mostOutstanding.get(), "no RETR was sent while another was unanswered");
    assertEquals(3, workload.tally().retrieved());
  }

  Outcome run(LoadSession session) throws Exception {
    return loop.call(() -> session.run(new Operation(0, System.nanoTime())));
  }

  Throwable failure(LoadSession session) throws Exception {
    return loop.failure(() -> session.run(new Operation(0, System.nanoTime())));
  }

  @Test
  void aSessionLogsInListsRetrievesEveryMessageAndQuits() throws Exception {
    fake.pieceSize = 5;
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = session();
    assertEquals(0, server.peers().size(), "opening a POP3 session slot does not connect");
    assertEquals(Outcome.OK, run(session));
    assertEquals(List.of("USER load@example.test", "PASS secret with spaces", "STAT", "LIST", "RETR 1", "RETR 2",
        "RETR 3", "QUIT"), server.received());
    assertEquals(3, workload.tally().retrieved());
    assertEquals(fake.totalOctets(), workload.tally().octets(), "octets counted after un-dot-stuffing");
    assertEquals(fake.totalOctets(), context.bytes());
    assertEquals(0, workload.tally().sizeMismatches());
    for (String phase : List.of("connect", "greeting", "login", "stat", "list", "quit")) {
      assertEquals(1, context.count(phase), phase);
    }
    assertEquals(3, context.count("retr"));
    assertEquals(0, context.count("stls"));
    assertTrue(session.reusable());
    OnLoop.await("the connection is closed", () -> server.peers().get(0).closed());

    assertEquals(Outcome.OK, run(session), "the next operation is a new connection");
    assertEquals(2, server.peers().size());
    assertEquals(6, workload.tally().retrieved());
  }

  @Test
  void retrTakesTheFirstListedMessagesOnly() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    LoadSession session = session(TlsMode.NONE, false, 2, true, 5000);
    assertEquals(Outcome.OK, run(session));
    assertEquals(List.of("RETR 1", "RETR 2"), server.received().stream().filter(l -> l.startsWith("RETR")).toList());
    fake.messages = 0;
    assertEquals(Outcome.OK, run(session), "an empty maildrop retrieves nothing");
    assertEquals(2, workload.tally().retrieved());
  }

  @Test
  void aMessageWhoseSizeDiffersFromTheListingIsRefusedWhenVerifying() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("RETR", (peer, arg) -> fake.reply(peer, "+OK\r\n" + FakePop3.dotStuffed(FakePop3.message(1))
        + "one line too many\r\n.\r\n"));
    LoadSession session = session();
    assertEquals(Outcome.PERMANENT, run(session));
    assertEquals(1, workload.tally().sizeMismatches());
    assertEquals("QUIT", server.received().get(server.received().size() - 1), "leaves politely");
    assertEquals(1, server.received().stream().filter(l -> l.startsWith("RETR")).count(), "stops at the mismatch");
    long extra = "one line too many\r\n".length();
    assertEquals(List.of("RETR: " + (FakePop3.message(1).length() + extra) + " octets where LIST said "
        + FakePop3.message(1).length()), workload.tally().errors().lines());

    LoadSession unverified = session(TlsMode.NONE, false, Pop3Settings.ALL_MESSAGES, false, 5000);
    assertEquals(Outcome.OK, run(unverified));
    assertEquals(3, workload.tally().retrieved());
  }

  @Test
  void errRepliesMapToOutcomesAndTheSessionQuits() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    String[] replies = {"-ERR [AUTH] invalid password", "-ERR [IN-USE] maildrop locked",
        "-ERR [SYS/TEMP] try later", "-ERR [LOGIN-DELAY] too soon", "-ERR"};
    Outcome[] expected = {Outcome.PERMANENT, Outcome.TEMPORARY, Outcome.TEMPORARY, Outcome.TEMPORARY,
        Outcome.PERMANENT};
    LoadSession session = session();
    for (int i = 0; i < replies.length; i++) {
      String reply = replies[i];
      fake.on("PASS", (peer, arg) -> fake.reply(peer, reply + "\r\n"));
      assertEquals(expected[i], run(session), reply);
      assertEquals("QUIT", server.received().get(server.received().size() - 1), reply);
      assertEquals(1, context.count("login") - i, "a refused login is still a login latency");
    }
    assertEquals(0, context.count("stat"));
    assertTrue(workload.tally().errors().lines().contains("PASS: -ERR [AUTH] invalid password"),
        workload.tally().errors().lines().toString());
  }

  @Test
  void aRefusingGreetingIsTheOutcome() throws Exception {
    fake.greeting = "-ERR [SYS/TEMP] too many connections\r\n";
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    assertEquals(Outcome.TEMPORARY, run(session()));
    assertEquals(List.of("QUIT"), server.received());
  }

  @Test
  void anErrForRetrEndsTheSession() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("RETR", (peer, arg) -> fake.reply(peer, "-ERR no such message\r\n"));
    assertEquals(Outcome.PERMANENT, run(session()));
    assertEquals(List.of("RETR 1", "QUIT"), server.received().subList(4, 6));
    assertEquals(0, workload.tally().retrieved());
  }

  @Test
  void theServerClosingInTheMiddleOfRetrFailsTheOperation() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("RETR", (peer, arg) -> peer.send("+OK\r\nSubject: cut\r\n\r\nhalf a li").close());
    LoadSession session = session();
    Throwable failure = failure(session);
    assertInstanceOf(IOException.class, failure);
    assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
    assertTrue(session.reusable(), "the next operation connects anew");
  }

  @Test
  void aServerThatStopsAnsweringTimesOut() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("LIST", (peer, arg) -> peer.send("+OK\r\n1 100\r\n"));
    Throwable failure = failure(session(TlsMode.NONE, false, Pop3Settings.ALL_MESSAGES, true, 300));
    assertTrue(failure.getMessage().contains("no reply"), failure.getMessage());
    OnLoop.await("the client closed the connection", () -> server.peers().get(0).closed());
  }

  @Test
  void closingTheSessionDuringAnOperationEndsItsConnectionAndFailsIt() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("LIST", (peer, arg) -> peer.send("+OK\r\n"));
    LoadSession session = session();
    Throwable failure = loop.failure(() -> {
      var running = session.run(new Operation(0, System.nanoTime()));
      OnLoop.awaitQuietly(vertx, () -> server.received().contains("LIST"), session::close);
      return running;
    });
    assertTrue(failure.getMessage().contains("closed by the client"), failure.getMessage());
    OnLoop.await("the connection is closed", () -> server.peers().get(0).closed());
  }

  @Test
  void garbageInsteadOfAStatusLineOrAListingIsAProtocolError() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("STAT", (peer, arg) -> peer.send("* OK this is IMAP\r\n"));
    Throwable failure = failure(session());
    assertTrue(failure.getMessage().contains("not a status line"), failure.getMessage());

    fake.on("STAT", (peer, arg) -> peer.send("+OK 1 10\r\n"));
    fake.on("LIST", (peer, arg) -> peer.send("+OK\r\none two\r\n.\r\n"));
    failure = failure(session());
    assertTrue(failure.getMessage().contains("not a LIST line"), failure.getMessage());

    fake.on("LIST", (peer, arg) -> peer.send("+OK\r\n1 " + "9".repeat(Pop3Connection.MAX_LINE_OCTETS + 1)));
    failure = failure(session());
    assertTrue(failure.getMessage().contains("longer than"), failure.getMessage());
  }

  @Test
  void stlsUpgradesBeforeTheLoginAndAuthPlainSendsAnInitialResponse() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.STARTTLS_CAPABLE);
    LoadSession session = session(TlsMode.STARTTLS, true, 1, true, 5000);
    assertEquals(Outcome.OK, run(session));
    String initial = Base64.getEncoder().encodeToString("\0load@example.test\0secret with spaces"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("STLS", "AUTH PLAIN " + initial, "STAT"), server.received().subList(0, 3));
    assertTrue(server.peers().get(0).tls());
    assertEquals(1, context.count("stls"));
    assertEquals(1, workload.tally().retrieved());
  }

  @Test
  void aRefusedStlsIsTheOutcome() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.STARTTLS_CAPABLE);
    fake.on("STLS", (peer, arg) -> fake.reply(peer, "-ERR TLS not available\r\n"));
    assertEquals(Outcome.PERMANENT, run(session(TlsMode.STARTTLS, false, 1, true, 5000)));
    assertEquals(List.of("STLS", "QUIT"), server.received());
  }

  @Test
  void implicitTlsRetrievesOverTls() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.IMPLICIT);
    LoadSession session = session(TlsMode.IMPLICIT, false, Pop3Settings.ALL_MESSAGES, true, 5000);
    assertEquals(Outcome.OK, run(session));
    assertTrue(server.peers().get(0).tls());
    assertEquals(3, workload.tally().retrieved());
  }
}
