package dev.tern.ops.http;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shape of queue entries in the admin API, and its reading back for `tern queue`. Times are
 * ISO-8601 instants; a recipient's nextAttemptAt is null once it is final.
 */
public final class QueueJson {

  private QueueJson() {}

  public static JsonObject entry(QueueEntry e) {
    Envelope env = e.envelope();
    JsonArray recipients = new JsonArray();
    for (QueueEntry.RecipientState r : e.recipients()) {
      recipients.add(new JsonObject()
          .put("recipient", r.recipient())
          .put("status", r.status().name())
          .put("attempts", r.attempts())
          .put("nextAttemptAt", r.nextAttemptAt() == 0 ? null : Instant.ofEpochMilli(r.nextAttemptAt()).toString())
          .put("lastReply", r.lastReply()));
    }
    return new JsonObject()
        .put("id", e.id().value())
        .put("sender", env.sender())
        .put("size", e.size())
        .put("receivedAt", env.receivedAt().toString())
        .put("clientAddress", env.clientAddress())
        .put("clientHelo", env.clientHelo())
        .put("authenticatedUser", env.authenticatedUser())
        .put("smtpUtf8", env.smtpUtf8())
        .put("body", env.body() == null ? null : env.body().name())
        .put("envelopeId", env.envelopeId())
        .put("recipients", recipients);
  }

  public static JsonObject list(List<QueueEntry> entries, int limit) {
    JsonArray messages = new JsonArray();
    entries.forEach(e -> messages.add(entry(e)));
    return new JsonObject().put("limit", limit).put("messages", messages);
  }

  /** A list answer that also says which filter chose it (null fields when not filtered). */
  public static JsonObject list(List<QueueEntry> entries, int limit, QueueFilter filter) {
    return list(entries, limit)
        .put("domain", filter.domain())
        .put("state", filter.status() == null ? null : filter.status().name());
  }

  /** What an operator action did: how many recipients it changed ({@code id} null for a flush). */
  public static JsonObject action(String action, String id, int recipients) {
    JsonObject o = new JsonObject().put("action", action);
    if (id != null) {
      o.put("id", id);
    }
    return o.put("recipients", recipients);
  }

  public static JsonObject count(long count) {
    return new JsonObject().put("count", count);
  }

  public static JsonObject error(String message) {
    return new JsonObject().put("error", message);
  }
}
