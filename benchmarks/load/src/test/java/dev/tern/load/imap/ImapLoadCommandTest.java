package dev.tern.load.imap;

import dev.tern.load.LoadCommand;
import dev.tern.load.mailbox.CommandRun;
import dev.tern.load.mailbox.ScriptedServer;
import dev.tern.load.mailbox.ScriptedServerTestBase;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tern load imap` in-process against a scripted server: exact counts in the report, exit codes, usage errors. */
class ImapLoadCommandTest extends ScriptedServerTestBase {

  final FakeImap fake = new FakeImap();

  CommandRun run(String... args) throws Exception {
    return runCommand(new ImapLoadCommand(), args);
  }

  @Test
  void fetchCyclesAreCountedExactly() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    CommandRun run = run("--auth", "load:secret", "--sessions", "2", "--operations", "7", "--envelopes", "3",
        "--bodies", "2");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(7, run.operations("issued"));
    assertEquals(7, run.operations("ok"));
    assertEquals(21, run.result("envelopes"));
    assertEquals(14, run.result("bodies"));
    assertTrue(run.report().getLong("bytes") > 0, run.toString());
    assertEquals(7, run.phaseCount("envelopes"));
    assertEquals(7, run.phaseCount("bodies"));
    assertEquals(7, run.phaseCount("operation"));
    assertEquals(2, run.phaseCount("login"), "one login per session");
    assertTrue(run.out().matches("(?s).*\nenvelopes +21\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\nfetches +7 issued.*"), run.out());
  }

  @Test
  void aRefusedLoginFailsEveryOperationAndExitsWithThree() throws Exception {
    fake.on("LOGIN", (peer, c) -> fake.reply(peer, c.tag() + " NO [AUTHENTICATIONFAILED] invalid\r\n"));
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    CommandRun run = run("--user", "load", "--password", "wrong", "--sessions", "1", "--operations", "3");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals(3, run.operations("issued"));
    assertEquals(0, run.operations("ok"));
    assertEquals(3, run.operations("connectionErrors"));
    assertTrue(run.out().contains("LOGIN refused: NO [AUTHENTICATIONFAILED] invalid"), run.out());
  }

  @Test
  void idleModeHoldsEveryConnectionAndEndsThemWithDone() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    CommandRun run = run("--auth", "load:secret", "--idle", "6", "--hold", "300ms", "--open-rate", "100/s");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(6, run.result("reachedIdle"));
    assertEquals(0, run.result("failedToOpen"));
    assertEquals(0, run.result("dropped"));
    assertEquals(6, run.phaseCount("idle-ack"));
    assertEquals(6, run.phaseCount("select"));
    assertEquals(6, server.received().stream().filter(l -> l.equals("DONE")).count());
    assertEquals(6, server.received().stream().filter(l -> l.endsWith(" LOGOUT")).count());
  }

  @Test
  void idleModeCountsConnectionsThatFailedToOpenAndThatTheServerDropped() throws Exception {
    int[] logins = {0};
    fake.on("LOGIN", (peer, c) -> {
      synchronized (logins) {
        logins[0]++;
        fake.reply(peer, c.tag() + (logins[0] == 1 ? " NO refused\r\n" : " OK\r\n"));
      }
    });
    int[] idles = {0};
    fake.on("IDLE", (peer, c) -> {
      synchronized (idles) {
        idles[0]++;
        peer.send("+ idling\r\n");
        if (idles[0] <= 2) {
          peer.after(20).send("* BYE autologout\r\n").close();
        }
      }
    });
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    CommandRun run = run("--auth", "load:secret", "--idle", "5", "--hold", "500ms");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals(4, run.result("reachedIdle"));
    assertEquals(1, run.result("failedToOpen"));
    assertEquals(2, run.result("dropped"));
    assertEquals(2, run.operations("ok"), "still idling when the hold ended");
    assertEquals(3, run.operations("connectionErrors"));
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    assertEquals(2, run("--operations", "1").exitCode(), "no credentials");
    assertEquals(2, run("--auth", "a:b", "--user", "a", "--password", "b").exitCode(), "both ways");
    assertEquals(2, run("--auth", "a:b", "--tls", "--implicit-tls").exitCode());
    assertEquals(2, run("--auth", "a:b", "--idle", "5", "--rate", "10").exitCode(), "--rate is for fetch cycles");
    assertEquals(2, run("--auth", "a:b", "--envelopes", "some").exitCode());
    assertEquals(2, run("--auth", "a:b", "--mailbox", "Entwürfe").exitCode());
    CommandRun tooFew = run("--auth", "a:b", "--idle", "0");
    assertEquals(2, tooFew.exitCode(), tooFew.toString());
    assertTrue(tooFew.err().contains("--idle"), tooFew.err());
    assertEquals(0, server.received().size(), "nothing was sent");
  }

  @Test
  void theLoadGroupListsTheMailboxProtocols() {
    CommandLine load = new CommandLine(new LoadCommand());
    assertTrue(load.getSubcommands().keySet().containsAll(java.util.List.of("imap", "pop3")),
        load.getSubcommands().keySet().toString());
  }
}
