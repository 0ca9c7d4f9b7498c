package dev.tern.benchmarks;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * What the relay does with one message once DATA is complete, without the SMTP around it: begin, write the body,
 * commit (durable: fsynced), abort if anything fails. Must run on a Vert.x context, as the Intake contract demands.
 */
public final class SpoolAcceptor {

  private final Spool spool;

  public SpoolAcceptor(Spool spool) {
    this.spool = spool;
  }

  public Future<QueueId> accept(Envelope envelope, Buffer body) {
    Intake intake = spool.begin(envelope);
    return intake.write(body)
        .compose(written -> intake.commit())
        .onFailure(failure -> intake.abort());
  }
}
