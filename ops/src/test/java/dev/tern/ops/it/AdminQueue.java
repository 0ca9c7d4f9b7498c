package dev.tern.ops.it;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The queue as a running tern's admin API shows it: one message, one recipient, the count. */
final class AdminQueue {

  private AdminQueue() {}

  /** The message, which must still be queued. */
  static JsonObject show(TernProcess tern, String id) throws IOException, InterruptedException {
    HttpResponse<String> r = tern.http("/admin/queue/" + id);
    assertEquals(200, r.statusCode(), "GET /admin/queue/" + id + ": " + r.body());
    return new JsonObject(r.body());
  }

  static JsonObject recipient(JsonObject message, String address) {
    for (Object o : message.getJsonArray("recipients")) {
      JsonObject r = (JsonObject) o;
      if (r.getString("recipient").equals(address)) {
        return r;
      }
    }
    throw new AssertionError("no recipient " + address + " in " + message.encode());
  }

  static JsonObject recipient(TernProcess tern, String id, String address) throws IOException, InterruptedException {
    return recipient(show(tern, id), address);
  }

  static long count(TernProcess tern) throws IOException, InterruptedException {
    HttpResponse<String> r = tern.http("/admin/queue/count");
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getLong("count");
  }
}
