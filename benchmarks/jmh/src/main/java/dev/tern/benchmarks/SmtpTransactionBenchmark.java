package dev.tern.benchmarks;

import dev.tern.delivery.fs.FsSpool;
import dev.tern.delivery.fs.FsSpoolOptions;
import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.SmtpServer;
import dev.tern.relay.SmtpServerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Durable SMTP accept throughput end to end inside one JVM: an SmtpServer on 127.0.0.1 with a real fs spool, and
 * one operation = one SMTP transaction (MAIL, RCPT, DATA with a 4 KiB message, wait for the 250 that follows the
 * fsync) on a persistent plain-socket connection per JMH thread. Threads are concurrent sessions. Client and server
 * share the machine's cores, as smtp-source and the server do in accept-bench.sh.
 */
public class SmtpTransactionBenchmark extends BenchmarkSettings {

  static final String LISTENER = "smtp";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Benchmark
  @Threads(1)
  public SmtpReply oneSession(RelayUnderTest relay, Session session) throws Exception {
    return session.transaction();
  }

  @Benchmark
  @Threads(8)
  public SmtpReply eightSessions(RelayUnderTest relay, Session session) throws Exception {
    return session.transaction();
  }

  @Benchmark
  @Threads(50)
  public SmtpReply fiftySessions(RelayUnderTest relay, Session session) throws Exception {
    return session.transaction();
  }

  /** The server side: Vert.x, an fs spool in a scratch directory on disk, the SMTP server on an ephemeral port. */
  @State(Scope.Benchmark)
  public static class RelayUnderTest {

    @Param({"4096"})
    public int messageBytes;

    Vertx vertx;
    FsSpool spool;
    SmtpServer server;
    Path directory;
    int port;

    @Setup(Level.Trial)
    public void start() throws Exception {
      BenchmarkLogging.quiet();
      directory = ScratchDirectory.create("smtp");
      try {
        vertx = Vertx.vertx();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        spool = VertxCalls.await(FsSpool.open(vertx, FsSpoolOptions.defaults(directory.resolve("spool")), meters),
            TIMEOUT);
        SmtpServerOptions options = new SmtpServerOptions()
            .hostname("bench.tern.localhost")
            .addListener(new SmtpListenerOptions(LISTENER, SmtpListenerOptions.Role.MX, List.of("127.0.0.1"), 0));
        server = new SmtpServer(vertx, options, spool, new EveryoneLocalAccountStore(), meters);
        VertxCalls.await(server.start(), TIMEOUT);
        port = server.actualPort(LISTENER);
      } catch (Exception | Error e) {
        // JMH skips tear-down when set-up fails: clean up here so no spool is left on disk.
        try {
          stop();
        } catch (Exception cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }

    /** Idempotent: a failed session set-up may call it before JMH's tear-down does (or instead of it). */
    @TearDown(Level.Trial)
    public synchronized void stop() throws Exception {
      try {
        if (server != null) {
          VertxCalls.await(server.shutdown(Duration.ofSeconds(5)), TIMEOUT);
        }
      } finally {
        server = null;
        try {
          if (spool != null) {
            VertxCalls.await(spool.close(), TIMEOUT);
          }
        } finally {
          spool = null;
          try {
            if (vertx != null) {
              VertxCalls.await(vertx.close(), TIMEOUT);
            }
          } finally {
            vertx = null;
            ScratchDirectory.deleteRecursively(directory);
          }
        }
      }
    }
  }

  /** One client session: a socket opened once per trial and reused for every transaction. */
  @State(Scope.Thread)
  public static class Session {

    private LockstepSmtpClient client;
    private byte[] message;

    @Setup(Level.Trial)
    public void connect(RelayUnderTest relay) throws Exception {
      try {
        message = BenchMessage.ofSize(relay.messageBytes);
        client = LockstepSmtpClient.connect("127.0.0.1", relay.port, "bench.example", TIMEOUT);
      } catch (Exception | Error e) {
        // JMH then skips the shared server's tear-down and halts the fork: stop it here so no spool is left on disk.
        try {
          relay.stop();
        } catch (Exception cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }

    @TearDown(Level.Trial)
    public void quit() throws Exception {
      if (client == null) {
        return;
      }
      try {
        client.quit();
      } catch (SmtpReplyException serverAlreadyStopping) {
        // JMH may tear the shared server down before this thread's session: a 421 then is the expected goodbye.
        client.close();
      }
    }

    SmtpReply transaction() throws Exception {
      return client.send(BenchMessage.SENDER, BenchMessage.RECIPIENT, message);
    }
  }
}
