package dev.tern.delivery.route.smtp;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import dev.tern.delivery.route.OutboundMessage;
import dev.tern.delivery.route.OutboundTransport;
import dev.tern.delivery.route.smtp.internal.DeliveryJob;
import dev.tern.delivery.route.smtp.internal.OutboundMetrics;
import dev.tern.delivery.route.smtp.internal.SessionOpener;
import dev.tern.delivery.route.smtp.internal.SitePool;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Delivers messages over SMTP with pooled connections per destination site ({@link Destination#site()}) and
 * TLS policy. Each pool lives on one of {@link OutboundOptions#eventLoops()} event-loop contexts owned by the
 * transport, chosen by the site, so one site's connections and limits never need locks; reports complete on
 * the caller's context. See {@code internal.SitePool} for reuse, limits and idle handling, {@code
 * internal.SessionOpener} for host order and TLS, {@code internal.MessageTransaction} for the per-recipient
 * rules.
 *
 * <p>When every host of a destination fails before a transaction could start, every recipient gets the last
 * host's error: FAILED when that was a 5xx greeting or HELO refusal, DEFERRED otherwise.
 */
public final class SmtpOutboundTransport implements OutboundTransport {

  private final Vertx vertx;
  private final OutboundOptions options;
  private final OutboundMetrics metrics;
  private final NetClient client;
  private final SessionOpener opener;
  private final List<ContextInternal> contexts = new ArrayList<>();
  private final ConcurrentMap<PoolKey, SitePool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record PoolKey(String site, TlsPolicy policy) {}

  public SmtpOutboundTransport(Vertx vertx, OutboundOptions options, MeterRegistry registry) {
    this.vertx = Objects.requireNonNull(vertx);
    this.options = new OutboundOptions(options);
    this.metrics = new OutboundMetrics(registry);
    this.client = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, this.options.connectTimeout().toMillis())));
    this.opener = new SessionOpener(vertx, client, this.options);
    for (int i = 0; i < this.options.eventLoops(); i++) {
      contexts.add(((VertxInternal) vertx).createEventLoopContext());
    }
  }

  @Override
  public Future<DeliveryReport> deliver(Destination destination, OutboundMessage message) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(message, "message");
    if (message.recipients().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("a message needs at least one recipient"));
    }
    ContextInternal caller = ((VertxInternal) vertx).getOrCreateContext();
    Promise<DeliveryReport> report = caller.promise();
    long started = System.nanoTime();
    SmarthostAuth auth = authFor(destination);
    TlsPolicy policy = auth != null ? TlsPolicy.REQUIRE : options.tlsPolicyFor(destination.domain());
    PoolKey key = new PoolKey(destination.site(), policy);
    SitePool pool = pools.computeIfAbsent(key, k -> new SitePool(k.site(), k.policy(),
        contexts.get(Math.floorMod(k.hashCode(), contexts.size())), vertx, opener, options, metrics, auth,
        metrics.activeConnections(k.site() + (k.policy() == options.defaultTlsPolicy() ? "" : "|" + k.policy()))));
    DeliveryJob job = new DeliveryJob(destination, message, report, started);
    if (closed) {
      pool.context().runOnContext(v -> pool.close().onComplete(x -> pool.submit(job)));
    } else {
      pool.context().runOnContext(v -> pool.submit(job));
    }
    return report.future();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    for (SitePool pool : pools.values()) {
      Promise<Void> done = Promise.promise();
      pool.context().runOnContext(v -> pool.close().onComplete(done));
      closing.add(done.future());
    }
    return Future.join(closing).transform(ar -> client.close());
  }

  private SmarthostAuth authFor(Destination destination) {
    SmarthostAuth auth = options.smarthostAuth();
    if (auth == null) {
      return null;
    }
    for (MxHost host : destination.hosts()) {
      if (host.name().equalsIgnoreCase(auth.host())) {
        return auth;
      }
    }
    return null;
  }
}
