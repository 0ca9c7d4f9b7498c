package dev.tern.load.mailbox;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

/**
 * One NetClient for all sessions of a workload, made on first use: a NetClient is safe to share, and each socket
 * stays on the event loop that connected it.
 */
public final class SharedNetClient {

  private NetClient client;

  public synchronized NetClient get(Vertx vertx) {
    if (client == null) {
      client = vertx.createNetClient();
    }
    return client;
  }
}
