package dev.tern.load.sink;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running SMTP sink: accepts mail on every event loop and discards it (or spools and fsyncs it), answering a
 * configured share of transactions with failures on purpose. Start it with {@link #start(Vertx, SinkOptions)}, read
 * {@link #stats()} at any time, and {@link #close()} it.
 */
public final class SmtpSink {

  /** Each sink that asks for port 0 gets its own negative placeholder, so two sinks never share a random port. */
  private static final AtomicInteger NEXT_SHARED_RANDOM_PORT = new AtomicInteger(-1);

  private final Vertx vertx;
  private final SinkShared shared;
  private final String deploymentId;
  private final int actualPort;
  private final long tickTimer;

  private SmtpSink(Vertx vertx, SinkShared shared, String deploymentId, int actualPort) {
    this.vertx = vertx;
    this.shared = shared;
    this.deploymentId = deploymentId;
    this.actualPort = actualPort;
    this.tickTimer = vertx.setPeriodic(1000, id -> shared.counters().tick());
  }

  /**
   * Starts a sink. Fails with an IllegalArgumentException when the options have a problem, or with the cause when
   * the certificate, the spool directory or the port cannot be used.
   */
  public static Future<SmtpSink> start(Vertx vertx, SinkOptions options) {
    if (!options.problems().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException(String.join("; ", options.problems())));
    }
    SinkCounters counters = new SinkCounters();
    return vertx.executeBlocking(() -> prepare(vertx, options, counters))
        .compose(shared -> listen(vertx, shared).recover(failure -> release(vertx, shared)
            .transform(released -> Future.<SmtpSink>failedFuture(failure))));
  }

  private static SinkShared prepare(Vertx vertx, SinkOptions options, SinkCounters counters) throws Exception {
    FaultSchedule faults = new FaultSchedule(options.temporaryFailures(), options.permanentFailures());
    SinkTls tls = options.tls()
        ? SinkTls.load(vertx, options.certificate(), options.privateKey(), options.hostname())
        : null;
    SpoolWriter spool = null;
    try {
      if (options.spoolDirectory() != null) {
        spool = SpoolWriter.open(options.spoolDirectory(), options.spoolFileBytes(), counters.fsyncs);
      }
    } catch (Exception e) {
      if (tls != null) {
        tls.close();
      }
      throw e;
    }
    return new SinkShared(options, new Replies(options.hostname(), options.maxMessageSize()), counters, faults,
        spool, tls);
  }

  private static Future<SmtpSink> listen(Vertx vertx, SinkShared shared) {
    SinkOptions options = shared.options();
    int port = options.port() == 0 ? NEXT_SHARED_RANDOM_PORT.getAndDecrement() : options.port();
    AtomicReference<NetServer> first = new AtomicReference<>();
    return vertx.deployVerticle(
            () -> new SinkListener(shared, options.bindHost(), port, server -> first.compareAndSet(null, server)),
            new DeploymentOptions().setInstances(options.eventLoops()))
        .map(id -> new SmtpSink(vertx, shared, id, first.get().actualPort()));
  }

  public int actualPort() {
    return actualPort;
  }

  public String bindHost() {
    return shared.options().bindHost();
  }

  public SinkStats stats() {
    return shared.counters().snapshot();
  }

  /** Completes once {@code count} messages were accepted in all (at once if they already were). */
  public Future<Void> whenAccepted(long count) {
    return shared.counters().watch.whenReached(count);
  }

  /**
   * Stops listening, closes every session, waits for the spool writer to finish, and deletes the spool files
   * (unless kept) and a self-signed certificate's files.
   */
  public Future<Void> close() {
    vertx.cancelTimer(tickTimer);
    shared.counters().tick();
    return vertx.undeploy(deploymentId).transform(undeployed -> release(vertx, shared)
        .compose(released -> undeployed.succeeded()
            ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(undeployed.cause())));
  }

  private static Future<Void> release(Vertx vertx, SinkShared shared) {
    return vertx.executeBlocking(() -> {
      if (shared.spool() != null) {
        shared.spool().close(shared.options().keepSpool());
      }
      if (shared.tls() != null) {
        shared.tls().close();
      }
      return null;
    });
  }
}
