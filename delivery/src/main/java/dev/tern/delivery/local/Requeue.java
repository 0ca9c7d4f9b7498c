package dev.tern.delivery.local;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.List;

/**
 * Queues the expansion of one recipient as a new message: same sender, ENVID, body type and SMTPUTF8, the expanded
 * addresses as recipients, and the original body behind a {@code Delivered-To:} line for the expanded address. Like
 * a DSN it comes from this host (no client address, our hostname as HELO).
 */
final class Requeue {

  private final Vertx vertx;
  private final Spool spool;
  private final QueueId id;
  private final Envelope original;
  private final String hostname;

  Requeue(Vertx vertx, Spool spool, QueueId id, Envelope original, String hostname) {
    this.vertx = vertx;
    this.spool = spool;
    this.id = id;
    this.original = original;
    this.hostname = hostname;
  }

  /** Completes with the new message's id once it is durable; on failure nothing is queued. */
  Future<QueueId> requeue(String recipient, List<String> targets, Original message) {
    Envelope envelope = new Envelope(original.sender(), targets, Instant.now(), null, hostname, null,
        original.smtpUtf8(), original.body(), original.envelopeId());
    Buffer prefix = Buffer.buffer(DeliveredTo.FIELD + ": " + recipient + "\r\n");
    Intake intake = spool.begin(envelope);
    Future<Void> written;
    if (message.inMemory()) {
      written = intake.write(prefix).compose(v -> intake.write(message.body()));
    } else {
      var context = vertx.getOrCreateContext();
      written = spool.openBody(id).compose(body ->
          SpoolBodies.copy(new PrefixedStream(context, prefix, body), intake).eventually(body::close));
    }
    return written.compose(v -> intake.commit()).onFailure(e -> intake.abort());
  }
}
