package dev.tern.ops.testing;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueId;

import java.time.Instant;
import java.util.List;

/** Queue entries for tests. */
public final class Entries {

  private Entries() {}

  public static QueueEntry entry(String id, String sender, Instant received, QueueEntry.Status... statuses) {
    List<String> rcpts = new java.util.ArrayList<>();
    List<QueueEntry.RecipientState> states = new java.util.ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      String r = "rcpt" + i + "@example.net";
      rcpts.add(r);
      boolean fin = statuses[i] == QueueEntry.Status.DELIVERED || statuses[i] == QueueEntry.Status.FAILED;
      states.add(new QueueEntry.RecipientState(r, statuses[i], statuses[i] == QueueEntry.Status.DEFERRED ? 2 : 0,
          fin ? 0 : received.toEpochMilli() + 600_000, statuses[i] == QueueEntry.Status.DEFERRED ? "451 4.7.1 try later" : ""));
    }
    Envelope env = new Envelope(sender, rcpts, received, "192.0.2.7", "client.example", null, false,
        Envelope.BodyType.EIGHT_BIT_MIME, null);
    return new QueueEntry(new QueueId(id), env, 2048, states);
  }
}
