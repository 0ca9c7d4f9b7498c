package dev.tern.load.mailbox;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the IMAP and POP3 client tests share: one Vert.x per test class, the scripted server a test starts (closed
 * after it), and running a `tern load` subcommand in-process against that server with a JSON report.
 */
public abstract class ScriptedServerTestBase {

  protected static Vertx vertx;
  protected ScriptedServer server;
  @TempDir
  protected Path tmp;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Runs {@code command} against the server, quiet, with a 5 s timeout and a report file, then the given args. */
  protected CommandRun runCommand(Object command, String... args) throws Exception {
    Path report = tmp.resolve("report-" + System.nanoTime() + ".json");
    String[] all = new String[args.length + 6];
    all[0] = "--target";
    all[1] = "127.0.0.1:" + server.port();
    all[2] = "--report";
    all[3] = report.toString();
    all[4] = "--quiet";
    all[5] = "--timeout=5s";
    System.arraycopy(args, 0, all, 6, args.length);
    return CommandRun.of(command, report, all);
  }
}
