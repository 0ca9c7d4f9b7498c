package dev.tern.delivery.fs;

import static dev.tern.delivery.fs.SpoolTestSupport.await;
import static dev.tern.delivery.fs.SpoolTestSupport.envelope;
import static dev.tern.delivery.fs.SpoolTestSupport.onContext;
import static dev.tern.delivery.fs.SpoolTestSupport.readBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class GroupCommitTest extends SpoolTestBase {

  private static final int MESSAGES = 100;

  @Test
  void concurrentCommitsShareFsyncs() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FsSpool spool = SpoolTestSupport.open(vertx, dir, 64L * 1024 * 1024, meters);
    double fsyncsBefore = meters.get("tern.spool.fsync").counter().count();

    List<QueueId> ids = await(onContext(vertx.getOrCreateContext(), () -> {
      List<Intake> intakes = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        Intake intake = spool.begin(envelope("rcpt" + i + "@example.net"));
        intake.write(Buffer.buffer("message " + i));
        intakes.add(intake);
      }
      List<Future<QueueId>> commits = new ArrayList<>();
      for (Intake intake : intakes) {
        commits.add(intake.commit());
      }
      return Future.all(commits).map(all -> all.<QueueId>list());
    }));

    double batches = meters.get("tern.spool.fsync").counter().count() - fsyncsBefore;
    assertEquals(MESSAGES, new HashSet<>(ids).size(), "every commit got its own id");
    assertTrue(batches >= 1 && batches < MESSAGES, "expected fewer fsync batches than messages, got " + batches);
    assertTrue(meters.get("tern.spool.fsync.batch.size").summary().max() > 1);
    assertEquals((double) MESSAGES, meters.get("tern.spool.fsync.batch.size").summary().totalAmount());
    assertEquals((long) MESSAGES, await(spool.count()));
    assertArrayEquals("message 42".getBytes(), readBody(vertx, spool, ids.get(42)));
    await(spool.close());
  }
}
