package dev.tern.benchmarks;

import dev.tern.delivery.QueueId;
import dev.tern.delivery.fs.FsSpool;
import dev.tern.delivery.fs.FsSpoolOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

/**
 * Durable accept throughput of the fs spool alone: one operation = begin + write one 4 KiB body + commit (which
 * completes only after fsync), exactly what the relay does at the end of DATA. Each JMH thread is one writer with
 * its own Vert.x context, so concurrent writers are concurrent SMTP sessions minus the protocol; the three methods
 * differ only in the number of writers, which shows how well group commit shares fsyncs.
 */
public class SpoolAcceptBenchmark extends BenchmarkSettings {

  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(60);

  @Benchmark
  @Threads(1)
  public QueueId oneWriter(SpoolUnderTest spool, Writer writer) throws Exception {
    return writer.acceptOne();
  }

  @Benchmark
  @Threads(8)
  public QueueId eightWriters(SpoolUnderTest spool, Writer writer) throws Exception {
    return writer.acceptOne();
  }

  @Benchmark
  @Threads(64)
  public QueueId sixtyFourWriters(SpoolUnderTest spool, Writer writer) throws Exception {
    return writer.acceptOne();
  }

  /** One Vert.x instance and one freshly opened spool in a scratch directory on disk, for the whole trial. */
  @State(Scope.Benchmark)
  public static class SpoolUnderTest {

    @Param({"4096"})
    public int messageBytes;

    Vertx vertx;
    FsSpool spool;
    Path directory;

    @Setup(Level.Trial)
    public void open() throws Exception {
      BenchmarkLogging.quiet();
      directory = ScratchDirectory.create("spool");
      try {
        vertx = Vertx.vertx();
        spool = VertxCalls.await(
            FsSpool.open(vertx, FsSpoolOptions.defaults(directory.resolve("spool")), new SimpleMeterRegistry()),
            OPERATION_TIMEOUT);
      } catch (Exception | Error e) {
        // JMH skips tear-down when set-up fails: clean up here so no spool is left on disk.
        try {
          close();
        } catch (Exception cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      try {
        if (spool != null) {
          VertxCalls.await(spool.close(), OPERATION_TIMEOUT);
        }
      } finally {
        try {
          if (vertx != null) {
            VertxCalls.await(vertx.close(), OPERATION_TIMEOUT);
          }
        } finally {
          ScratchDirectory.deleteRecursively(directory);
        }
      }
    }
  }

  /** One writer: its own event-loop context, as one SMTP session has, and its own copy of the body bytes. */
  @State(Scope.Thread)
  public static class Writer {

    private Context context;
    private SpoolAcceptor acceptor;
    private byte[] body;

    @Setup(Level.Trial)
    public void bind(SpoolUnderTest underTest) {
      context = underTest.vertx.getOrCreateContext();
      acceptor = new SpoolAcceptor(underTest.spool);
      body = BenchMessage.ofSize(underTest.messageBytes);
    }

    QueueId acceptOne() throws Exception {
      // A fresh buffer per message, as the relay hands the spool fresh buffers read off the socket.
      Buffer chunk = Buffer.buffer(body);
      return VertxCalls.callOn(context, () -> acceptor.accept(BenchMessage.envelope(), chunk), OPERATION_TIMEOUT);
    }
  }
}
