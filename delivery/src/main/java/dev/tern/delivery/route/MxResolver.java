package dev.tern.delivery.route;

import io.vertx.core.Future;

/**
 * Finds the destination of a recipient domain with asynchronous DNS (dnsjava). Never blocks the caller's event
 * loop; the future completes on the caller's context. Fails with {@link RouteFailure}.
 */
public interface MxResolver {

  Future<Destination> resolve(String domain);
}
