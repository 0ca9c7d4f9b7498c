package dev.tern.delivery.route;

import io.vertx.core.Future;

/**
 * The SMTP client side: delivers one message to one destination, trying its hosts and addresses in order (next
 * host after a connection failure or a 4xx greeting), reusing pooled connections, honouring per-destination
 * concurrency and rate limits. Never fails its future for a delivery problem: every recipient gets a result in
 * the report (only a programming error fails it). Completes on the caller's context.
 */
public interface OutboundTransport {

  Future<DeliveryReport> deliver(Destination destination, OutboundMessage message);

  /** Closes pooled connections (QUIT) and refuses further deliveries. */
  Future<Void> close();
}
