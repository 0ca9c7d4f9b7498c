package dev.tern.access.net;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Binds one listener on each of its addresses with one verticle instance per event loop. With port 0
 * the instances on the first address share one random port, and the other addresses reuse it. "::" is bound
 * before "0.0.0.0": on a dual-stack OS "::" already takes IPv4 too, and the then failing "0.0.0.0"
 * bind is expected and ignored.
 */
public final class ListenerBinder {

  private static final System.Logger LOG = System.getLogger(ListenerBinder.class.getName());

  /**
   * Distinct negative ports so that two port-0 listeners do not end up sharing one socket. Static so that
   * every protocol server in the JVM draws from the same sequence.
   */
  private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

  private final Vertx vertx;
  private final String protocol;
  private final int instances;
  private final Consumer<String> deployed;

  /**
   * @param protocol  a label for log lines ("smtp", "pop3")
   * @param instances verticle instances per address, normally one per event loop
   * @param deployed  told each deployment id, so the owner can undeploy it
   */
  public ListenerBinder(Vertx vertx, String protocol, int instances, Consumer<String> deployed) {
    this.vertx = vertx;
    this.protocol = protocol;
    this.instances = Math.max(1, instances);
    this.deployed = deployed;
  }

  /**
   * Binds {@code name} on every address. Completes with the bound port.
   *
   * @param port TCP port, 0 for an ephemeral one
   */
  public Future<Integer> bind(String name, List<String> bindAddresses, int port, ListenerVerticleFactory factory) {
    List<String> addresses = new ArrayList<>(bindAddresses);
    if (addresses.remove("::")) {
      addresses.add(0, "::");
    }
    AtomicInteger boundPort = new AtomicInteger(port);
    Future<Void> chain = Future.succeededFuture();
    boolean first = true;
    for (String address : addresses) {
      boolean isFirst = first;
      first = false;
      chain = chain.compose(v -> bindAddress(name, address, boundPort, isFirst, factory)
          .recover(err -> tolerated(name, address, addresses, err)));
    }
    return chain.map(v -> boundPort.get());
  }

  private Future<Void> bindAddress(String name, String address, AtomicInteger port, boolean first,
      ListenerVerticleFactory factory) {
    if (first && port.get() == 0) {
      // Vert.x shares a random port among servers listening with the same negative port; 0 would give
      // every instance its own port.
      port.set(-RANDOM_PORT_GROUPS.incrementAndGet());
    }
    int requested = port.get();
    return vertx
        .deployVerticle(() -> factory.create(address, requested, port::set), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> {
          deployed.accept(id);
          LOG.log(Level.INFO, "{0} listener {1} on {2} port {3}, {4} instances",
              protocol, name, address, String.valueOf(port.get()), String.valueOf(instances));
        })
        .mapEmpty();
  }

  private Future<Void> tolerated(String name, String address, List<String> addresses, Throwable err) {
    if (address.equals("0.0.0.0") && addresses.contains("::") && isAddressInUse(err)) {
      LOG.log(Level.INFO, "{0} listener {1}: \"::\" already covers IPv4 (dual stack)", protocol, name);
      return Future.succeededFuture();
    }
    return Future.failedFuture(err);
  }

  private static boolean isAddressInUse(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}
