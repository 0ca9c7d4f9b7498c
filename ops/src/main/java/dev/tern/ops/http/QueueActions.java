package dev.tern.ops.http;

import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import io.vertx.core.Future;

import java.util.List;

/**
 * What an operator may do to the queue through the admin API. The counts are recipients. {@link #retry},
 * {@link #delete} and {@link #bounce} fail with {@link java.util.NoSuchElementException} for an unknown id and
 * with {@link IllegalStateException} when the message is already final.
 */
public interface QueueActions {

  /** Queued messages with a waiting recipient that matches the filter, oldest first. */
  Future<List<QueueEntry>> list(QueueFilter filter, int limit);

  /** Every waiting recipient due now. */
  Future<Integer> flush();

  /** The waiting recipients of one message due now. */
  Future<Integer> retry(QueueId id);

  /** Fails the open recipients of one message without telling the sender. */
  Future<Integer> delete(QueueId id);

  /** Fails the open recipients of one message and sends the sender a DSN for them. */
  Future<Integer> bounce(QueueId id);
}
