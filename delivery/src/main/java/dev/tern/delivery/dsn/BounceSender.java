package dev.tern.delivery.dsn;

import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Queues a DSN like any accepted message, so it is durable and delivered (and retried) by the same scheduler. */
public final class BounceSender {

  private static final Logger LOG = System.getLogger(BounceSender.class.getName());

  private final Spool spool;

  public BounceSender(Spool spool) {
    this.spool = spool;
  }

  /** Completes with the DSN's own queue id once it is durable. */
  public Future<QueueId> send(DeliveryStatusNotification dsn) {
    byte[] bytes = dsn.toBytes();
    Intake intake = spool.begin(dsn.envelope());
    return intake.write(Buffer.buffer(bytes))
        .compose(v -> intake.commit())
        .onSuccess(dsnId -> LOG.log(Level.INFO, "dsn {0} ({1}, {2} recipients) for {3} queued to <{4}>", dsnId,
            dsn.action().field, dsn.recipients().size(), dsn.id(), dsn.original().sender()))
        .onFailure(e -> {
          intake.abort();
          LOG.log(Level.ERROR, "could not queue the {0} DSN for {1}: {2}", dsn.action().field, dsn.id(), e.toString());
        });
  }
}
