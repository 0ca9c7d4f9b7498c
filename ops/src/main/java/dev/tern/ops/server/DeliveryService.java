package dev.tern.ops.server;

import dev.tern.ops.http.QueueActions;
import io.vertx.core.Future;

import java.time.Duration;

/** What the composition root needs of outbound delivery: start after SMTP is up, stop before the spool closes. */
public interface DeliveryService extends QueueActions {

  Future<Void> start();

  /**
   * Stops taking work and lets deliveries in flight finish for up to {@code grace}; then closes the outbound
   * connections, so that deliveries still waiting for one are deferred (recorded, not lost).
   */
  Future<Void> stop(Duration grace);
}
