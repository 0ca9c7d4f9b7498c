package dev.tern.ops.testing;

import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.ops.server.DeliveryService;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;

/** A delivery service that passes every call on; tests override the one call they want to break. */
public class ForwardingDelivery implements DeliveryService {

  private final DeliveryService delegate;

  public ForwardingDelivery(DeliveryService delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<Void> start() {
    return delegate.start();
  }

  @Override
  public Future<Void> stop(Duration grace) {
    return delegate.stop(grace);
  }

  @Override
  public Future<List<QueueEntry>> list(QueueFilter filter, int limit) {
    return delegate.list(filter, limit);
  }

  @Override
  public Future<Integer> flush() {
    return delegate.flush();
  }

  @Override
  public Future<Integer> retry(QueueId id) {
    return delegate.retry(id);
  }

  @Override
  public Future<Integer> delete(QueueId id) {
    return delegate.delete(id);
  }

  @Override
  public Future<Integer> bounce(QueueId id) {
    return delegate.bounce(id);
  }
}
