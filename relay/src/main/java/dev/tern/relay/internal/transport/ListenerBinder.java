package dev.tern.relay.internal.transport;

import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.internal.session.RelayServices;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

import java.lang.System.Logger.Level;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Binds one listener on each of its addresses with one verticle instance per event loop. With port 0
 * the instances on the first address share one random port, and the other addresses reuse it. "::" is bound
 * before "0.0.0.0": on a dual-stack OS "::" already takes IPv4 too, and the then failing "0.0.0.0"
 * bind is expected and ignored.
 */
public final class ListenerBinder {

  private static final System.Logger LOG = System.getLogger(ListenerBinder.class.getName());

  /** Distinct negative ports so that two port-0 listeners do not end up sharing one socket. */
  private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

  private final RelayServices services;
  private final Supplier<Duration> grace;
  private final Consumer<String> deployed;

  /** @param deployed told each deployment id, so the owner can undeploy it */
  public ListenerBinder(RelayServices services, Supplier<Duration> grace, Consumer<String> deployed) {
    this.services = services;
    this.grace = grace;
    this.deployed = deployed;
  }

  /** Completes with the bound port. */
  public Future<Integer> bind(SmtpListenerOptions listener) {
    List<String> addresses = new ArrayList<>(listener.bindAddresses());
    if (addresses.remove("::")) {
      addresses.add(0, "::");
    }
    AtomicInteger port = new AtomicInteger(listener.port());
    Future<Void> chain = Future.succeededFuture();
    boolean first = true;
    for (String address : addresses) {
      boolean isFirst = first;
      first = false;
      chain = chain.compose(v -> bindAddress(listener, address, port, isFirst)
          .recover(err -> tolerated(listener, address, addresses, err)));
    }
    return chain.map(v -> port.get());
  }

  private Future<Void> bindAddress(SmtpListenerOptions listener, String address, AtomicInteger port, boolean first) {
    int instances = Math.max(1, services.options().eventLoopInstances());
    if (first && port.get() == 0) {
      // Vert.x shares a random port among servers listening with the same negative port; 0 would give
      // every instance its own port.
      port.set(-RANDOM_PORT_GROUPS.incrementAndGet());
    }
    return deploy(listener, address, port, instances);
  }

  private Future<Void> deploy(SmtpListenerOptions listener, String address, AtomicInteger port, int instances) {
    int requested = port.get();
    return services.vertx()
        .deployVerticle(() -> new SmtpListenerVerticle(services, listener, address, requested, port::set, grace),
            new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> {
          deployed.accept(id);
          LOG.log(Level.INFO, "smtp listener {0} ({1}) on {2} port {3}, {4} instances",
              listener.name(), listener.role(), address, String.valueOf(port.get()), String.valueOf(instances));
        })
        .mapEmpty();
  }

  private Future<Void> tolerated(SmtpListenerOptions listener, String address, List<String> addresses, Throwable err) {
    if (address.equals("0.0.0.0") && addresses.contains("::") && isAddressInUse(err)) {
      LOG.log(Level.INFO, "smtp listener {0}: \"::\" already covers IPv4 (dual stack)", listener.name());
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
