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

  private final SinkShared shared;
  private final String host;
  private final int port;
  private final Consumer<NetServer> bound;

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
    NetServer server = vertx.createNetServer(options);
    server.connectHandler(socket -> new SinkSession(vertx, socket, shared).start());
    return server.listen().onSuccess(bound::accept);
  }
}
