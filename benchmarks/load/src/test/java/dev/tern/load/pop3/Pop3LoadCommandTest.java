package dev.tern.load.pop3;

import dev.tern.load.mailbox.CommandRun;
import dev.tern.load.mailbox.ScriptedServer;
import dev.tern.load.mailbox.ScriptedServerTestBase;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tern load pop3` in-process against a scripted server: exact counts in the report, exit codes, usage errors. */
class Pop3LoadCommandTest extends ScriptedServerTestBase {

  final FakePop3 fake = new FakePop3();

  CommandRun run(String... args) throws Exception {
    return runCommand(new Pop3LoadCommand(), args);
  }

  @Test
  void sessionsRetrieveEveryMessageAndAreCountedExactly() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    CommandRun run = run("--auth", "load:secret", "--sessions", "3", "--operations", "10");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(10, run.operations("ok"));
    assertEquals(30, run.result("retrieved"));
    assertEquals(0, run.result("mismatches"));
    assertEquals(10 * fake.totalOctets(), run.report().getLong("bytes"));
    assertEquals(30, run.phaseCount("retr"));
    assertEquals(10, run.phaseCount("connect"));
    assertEquals(10, run.phaseCount("quit"));
    assertTrue(run.out().matches("(?s).*\nretrieved +30\n.*"), run.out());
  }

  @Test
  void retrAndNoVerifyShapeTheSession() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    fake.on("RETR", (peer, arg) -> fake.reply(peer, "+OK\r\nshort\r\n.\r\n"));
    CommandRun verified = run("--auth", "load:secret", "--sessions", "1", "--operations", "2", "--retr", "1");
    assertEquals(3, verified.exitCode(), verified.toString());
    assertEquals(2, verified.operations("permanent"));
    assertEquals(2, verified.result("mismatches"));
    assertTrue(verified.out().contains("RETR: 7 octets where LIST said"), verified.out());
    CommandRun unverified = run("--auth", "load:secret", "--sessions", "1", "--operations", "2", "--retr", "1",
        "--no-verify");
    assertEquals(0, unverified.exitCode(), unverified.toString());
    assertEquals(2, unverified.result("retrieved"));
  }

  @Test
  void aWrongPasswordRefusesEverySessionAndExitsWithThree() throws Exception {
    fake.on("PASS", (peer, arg) -> fake.reply(peer, "-ERR [AUTH] invalid login\r\n"));
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    CommandRun run = run("--user", "load", "--password", "wrong", "--operations", "4");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals(4, run.operations("permanent"));
    assertEquals(0, run.result("retrieved"));
    assertTrue(run.out().contains("PASS: -ERR [AUTH] invalid login (4 times)"), run.out());
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    server = fake.start(vertx, ScriptedServer.Tls.NONE);
    assertEquals(2, run("--operations", "1").exitCode(), "no credentials");
    assertEquals(2, run("--user", "a").exitCode(), "no password");
    assertEquals(2, run("--auth", "a:b", "--retr", "-1").exitCode());
    assertEquals(2, run("--auth", "user name:b").exitCode(), "USER cannot carry spaces");
    assertEquals(0, server.received().size(), "nothing was sent");
  }
}
