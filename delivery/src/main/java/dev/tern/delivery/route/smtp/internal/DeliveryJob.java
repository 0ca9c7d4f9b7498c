package dev.tern.delivery.route.smtp.internal;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.route.Destination;
import dev.tern.delivery.route.OutboundMessage;
import io.vertx.core.Promise;

/** One message waiting for (or using) a connection of its site's pool. */
public record DeliveryJob(Destination destination, OutboundMessage message, Promise<DeliveryReport> promise,
                          long startedNanos) {}
