package dev.tern.access.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners one protocol server has bound: their ports by name and their deployments, so that the server can
 * answer "which port did listener X get" and undeploy everything at shutdown or after a failed start.
 */
public final class BoundListeners {

  private final Vertx vertx;
  private final String protocol;
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final List<String> deployments = new CopyOnWriteArrayList<>();
  private final ListenerBinder binder;

  /** @param protocol a label for log lines and errors ("smtp", "pop3") */
  public BoundListeners(Vertx vertx, String protocol, int instances) {
    this.vertx = vertx;
    this.protocol = protocol;
    this.binder = new ListenerBinder(vertx, protocol, instances, deployments::add);
  }

  /** Loads the STARTTLS key material off the event loop; completes with null when there is none. */
  public static Future<TlsUpgrader> startTls(Vertx vertx, KeyCertOptions keyCert) {
    return keyCert == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> NettyStartTls.create(vertx, keyCert));
  }

  /** Binds one listener on all its addresses and remembers its port. */
  public Future<Void> bind(String name, List<String> bindAddresses, int port, ListenerVerticleFactory verticles) {
    return binder.bind(name, bindAddresses, port, verticles).map(bound -> {
      ports.put(name, bound);
      return null;
    });
  }

  /** The port a listener is bound to (useful with port 0). */
  public int actualPort(String listenerName) {
    Integer port = ports.get(listenerName);
    if (port == null) {
      throw new IllegalArgumentException("no bound " + protocol + " listener named " + listenerName);
    }
    return port;
  }

  /** Undeploys every listener verticle (each one's stop decides how its sessions end). */
  public Future<Void> undeployAll() {
    List<Future<Void>> undeploys = new ArrayList<>();
    for (String id : deployments) {
      undeploys.add(vertx.undeploy(id));
      deployments.remove(id);
    }
    ports.clear();
    return Future.join(undeploys).mapEmpty();
  }
}
