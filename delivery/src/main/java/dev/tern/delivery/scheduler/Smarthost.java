package dev.tern.delivery.scheduler;

import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.MxHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The smarthost as a {@link Destination}: every remote domain goes to this one host, so they all share its
 * connections. An IP literal is used as is; a name is resolved through the system resolver on a worker thread (the
 * lookup blocks), once per minute at most.
 */
final class Smarthost {

  private static final long CACHE_MILLIS = 60_000;

  private final Vertx vertx;
  private final String host;
  private List<InetAddress> addresses;
  private long resolvedAt;

  Smarthost(Vertx vertx, String relayhost) {
    this.vertx = vertx;
    this.host = hostPart(relayhost);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("relayhost has no host: " + relayhost);
    }
  }

  /** "host", "host:port", "[v6]:port" or "1.2.3.4:port" -> the host. */
  static String hostPart(String relayhost) {
    String value = relayhost.strip();
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed [ in relayhost " + relayhost);
      }
      return value.substring(1, close);
    }
    int colon = value.indexOf(':');
    if (colon >= 0 && value.indexOf(':', colon + 1) < 0) {
      return value.substring(0, colon);
    }
    return value;
  }

  /** The smarthost destination for mail to {@code domain}; fails while the smarthost's name does not resolve. */
  Future<Destination> destination(String domain) {
    if (addresses != null && System.currentTimeMillis() - resolvedAt < CACHE_MILLIS) {
      return Future.succeededFuture(destinationFor(domain, addresses));
    }
    return vertx.executeBlocking(() -> Arrays.asList(InetAddress.getAllByName(host)), false)
        .map(found -> {
          addresses = List.copyOf(found);
          resolvedAt = System.currentTimeMillis();
          return destinationFor(domain, addresses);
        })
        .recover(e -> Future.failedFuture(e instanceof UnknownHostException
            ? new IllegalStateException("relayhost " + host + " does not resolve")
            : e));
  }

  private Destination destinationFor(String domain, List<InetAddress> found) {
    return new Destination(domain, List.of(new MxHost(host, 0, found)), false);
  }
}
