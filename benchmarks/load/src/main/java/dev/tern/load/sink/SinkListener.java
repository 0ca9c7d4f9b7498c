package dev.tern.load.sink;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

import java.util.function.Consumer;

/**
 * One listening server on one event loop. The sink deploys one per event loop on the same port; Vert.x spreads the
 * accepted connections over them.
 */
final class SinkListener extends VerticleBase {

  /** Idle sessions are looked for every quarter of the idle timeout, within these bounds. */
  private static final long MIN_SWEEP_MILLIS = 10;
  private static final long MAX_SWEEP_MILLIS = 1000;

  private final SinkShared shared;
  private final String host;
  private final int port;
  private final Consumer<NetServer> bound;
  private long sweepTimer;

  /**
   * @param port  the port, or a negative number that every listener of this sink shares: Vert.x binds one random
   *              port for it (port 0 would give each listener a different one)
   * @param bound told about the server once it listens
   */
  SinkListener(SinkShared shared, String host, int port, Consumer<NetServer> bound) {
    this.shared = shared;
    this.host = host;
    this.port = port;
    this.bound = bound;
  }

  @Override
  public Future<?> start() {
    NetServerOptions options = new NetServerOptions()
        .setHost(host)
        .setPort(port)
        .setTcpNoDelay(true)
        .setAcceptBacklog(4096);
    EventLoopSessions sessions = new EventLoopSessions();
    long idleMillis = shared.options().idleTimeout().toMillis();
    sweepTimer = vertx.setPeriodic(Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, idleMillis / 4)),
        id -> sessions.sweep(System.nanoTime()));
    NetServer server = vertx.createNetServer(options);
    server.connectHandler(socket -> new SinkSession(vertx, socket, shared, sessions).start());
    return server.listen().onSuccess(bound::accept);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return Future.succeededFuture();
  }
}
