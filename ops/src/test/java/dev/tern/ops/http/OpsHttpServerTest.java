package dev.tern.ops.http;

import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.SpoolHealth;
import dev.tern.ops.server.AdminToken;
import dev.tern.ops.testing.FakeDelivery;
import dev.tern.ops.testing.InMemorySpool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tern.ops.testing.Entries.entry;
import static dev.tern.ops.testing.Http.get;
import static dev.tern.ops.testing.Http.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsHttpServerTest {

  private static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String AUTH = "Bearer " + TOKEN;

  private final InMemorySpool spool = new InMemorySpool();
  private final AtomicBoolean started = new AtomicBoolean(true);
  private final List<String> actions = new CopyOnWriteArrayList<>();
  private PrometheusMeterRegistry registry;
  private Vertx vertx;
  private OpsHttpServer server;
  private int port;

  @BeforeEach
  void start() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("tern.test.custom").increment(3);
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
    server = new OpsHttpServer(vertx, registry, spool, new FakeDelivery(spool, actions::add), started::get,
        AdminToken.of(TOKEN));
    port = server.listen("127.0.0.1", 0).await();
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    spool.put(entry("0001", "alice@example.org", t, Status.QUEUED, Status.DEFERRED));
    spool.put(entry("0002", "", t.plusSeconds(60), Status.DEFERRED));
    spool.put(entry("0003", "bob@example.org", t.plusSeconds(120), Status.DELIVERED));
  }

  @AfterEach
  void stop() {
    server.close().await();
    vertx.close().await();
  }

  @Test
  void adminRoutesNeedTheBearerToken() throws Exception {
    for (String path : new String[] {"/admin/queue", "/admin/queue/count", "/admin/queue/0001", "/admin/other"}) {
      HttpResponse<String> none = get(port, path, null);
      assertEquals(401, none.statusCode(), path);
      assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      assertEquals(401, get(port, path, "Bearer " + TOKEN.replace('0', '1')).statusCode(), path);
      assertEquals(401, get(port, path, "Bearer " + TOKEN.substring(1)).statusCode(), path);
      assertEquals(401, get(port, path, "Basic " + TOKEN).statusCode(), path);
      assertEquals(401, get(port, path, "Bearer").statusCode(), path);
    }
    assertEquals(200, get(port, "/admin/queue", "bearer " + TOKEN).statusCode());
  }

  @Test
  void queueListIsJsonOfTheUnfinishedMessagesOldestFirst() throws Exception {
    HttpResponse<String> r = get(port, "/admin/queue", AUTH);
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonObject body = new JsonObject(r.body());
    assertEquals(OpsHttpServer.DEFAULT_LIST_LIMIT, body.getInteger("limit"));
    JsonArray messages = body.getJsonArray("messages");
    assertEquals(2, messages.size());
    JsonObject first = messages.getJsonObject(0);
    assertEquals("0001", first.getString("id"));
    assertEquals("alice@example.org", first.getString("sender"));
    assertEquals(2048, first.getLong("size"));
    assertEquals("2025-01-02T03:04:05Z", first.getString("receivedAt"));
    assertEquals("192.0.2.7", first.getString("clientAddress"));
    assertEquals("EIGHT_BIT_MIME", first.getString("body"));
    JsonObject deferred = first.getJsonArray("recipients").getJsonObject(1);
    assertEquals("rcpt1@example.net", deferred.getString("recipient"));
    assertEquals("DEFERRED", deferred.getString("status"));
    assertEquals(2, deferred.getInteger("attempts"));
    assertEquals("2025-01-02T03:14:05Z", deferred.getString("nextAttemptAt"));
    assertEquals("451 4.7.1 try later", deferred.getString("lastReply"));
    assertEquals("", messages.getJsonObject(1).getString("sender"));

    JsonObject limited = new JsonObject(get(port, "/admin/queue?limit=1", AUTH).body());
    assertEquals(1, limited.getJsonArray("messages").size());
  }

  @Test
  void badLimitsAreRejected() throws Exception {
    for (String bad : new String[] {"0", "-1", "abc", "10001", ""}) {
      HttpResponse<String> r = get(port, "/admin/queue?limit=" + bad, AUTH);
      assertEquals(400, r.statusCode(), bad);
      assertTrue(new JsonObject(r.body()).getString("error").contains("limit"));
    }
  }

  @Test
  void countAndShow() throws Exception {
    assertEquals(2, new JsonObject(get(port, "/admin/queue/count", AUTH).body()).getLong("count"));
    HttpResponse<String> delivered = get(port, "/admin/queue/0003", AUTH);
    assertEquals(200, delivered.statusCode());
    JsonObject rcpt = new JsonObject(delivered.body()).getJsonArray("recipients").getJsonObject(0);
    assertEquals("DELIVERED", rcpt.getString("status"));
    assertNull(rcpt.getString("nextAttemptAt"));
    assertEquals(404, get(port, "/admin/queue/9999", AUTH).statusCode());
    assertEquals(404, get(port, "/admin/queue/0001/extra", AUTH).statusCode());
    assertEquals(404, get(port, "/admin/nothing", AUTH).statusCode());
  }

  @Test
  void metricsShowVertxAndTernMetersInPrometheusText() throws Exception {
    get(port, "/health", null);
    HttpResponse<String> r = get(port, "/metrics", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(r.body().contains("tern_test_custom_total 3.0"), r.body());
    assertTrue(r.body().contains("vertx_http_server_"), r.body());
  }

  @Test
  void healthFollowsStartAndSpool() throws Exception {
    HttpResponse<String> ok = get(port, "/health", null);
    assertEquals(200, ok.statusCode());
    assertEquals("ok\n", ok.body());
    spool.health(SpoolHealth.refusing("disk nearly full"));
    HttpResponse<String> refusing = get(port, "/health", null);
    assertEquals(503, refusing.statusCode());
    assertTrue(refusing.body().contains("disk nearly full"));
    spool.health(SpoolHealth.OK);
    started.set(false);
    assertEquals(503, get(port, "/health", null).statusCode());
  }

  @Test
  void otherPathsAndMethods() throws Exception {
    assertEquals(404, get(port, "/", null).statusCode());
    assertEquals(404, get(port, "/metrics/x", null).statusCode());
    HttpResponse<String> post = post(port, "/admin/queue", null);
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    assertEquals(405, post(port, "/admin/queue/0001", AUTH).statusCode());
    assertEquals(405, post(port, "/metrics", null).statusCode());
    for (String action : new String[] {"/admin/queue/flush", "/admin/queue/0001/retry", "/admin/queue/0001/delete",
        "/admin/queue/0001/bounce"}) {
      HttpResponse<String> r = get(port, action, AUTH);
      assertEquals(405, r.statusCode(), action);
      assertEquals("POST", r.headers().firstValue("Allow").orElse(""), action);
    }
    assertEquals(List.of(), actions, "a refused method changes nothing");
  }

  @Test
  void queueActionsNeedTheBearerToken() throws Exception {
    for (String path : new String[] {"/admin/queue/flush", "/admin/queue/0001/retry", "/admin/queue/0001/delete",
        "/admin/queue/0001/bounce"}) {
      assertEquals(401, post(port, path, null).statusCode(), path);
      assertEquals(401, post(port, path, "Bearer " + TOKEN.replace('0', '1')).statusCode(), path);
    }
    assertEquals(List.of(), actions);
  }

  @Test
  void listFiltersByDomainAndState() throws Exception {
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    spool.put(entry("0004", "carol@example.org", t.plusSeconds(180), Status.QUEUED));
    JsonObject deferred = new JsonObject(get(port, "/admin/queue?state=deferred", AUTH).body());
    assertEquals("DEFERRED", deferred.getString("state"));
    assertEquals(List.of("0001", "0002"), ids(deferred));
    JsonObject queued = new JsonObject(get(port, "/admin/queue?state=QUEUED&limit=5", AUTH).body());
    assertEquals(List.of("0001", "0004"), ids(queued));
    assertEquals(List.of("0001", "0002", "0004"),
        ids(new JsonObject(get(port, "/admin/queue?domain=Example.NET.", AUTH).body())));
    assertEquals(List.of(), ids(new JsonObject(get(port, "/admin/queue?domain=other.example", AUTH).body())));
    JsonObject both = new JsonObject(get(port, "/admin/queue?domain=example.net&state=deferred&limit=1", AUTH).body());
    assertEquals(List.of("0001"), ids(both));
    assertEquals("example.net", both.getString("domain"));
  }

  @Test
  void badFiltersAreRejected() throws Exception {
    for (String query : new String[] {"state=delivered", "state=failed", "state=", "state=all", "domain=",
        "domain=a%20b", "domain=x@example.net", "domain=a/b", "limit=0&state=queued"}) {
      HttpResponse<String> r = get(port, "/admin/queue?" + query, AUTH);
      assertEquals(400, r.statusCode(), query);
      assertTrue(new JsonObject(r.body()).containsKey("error"), query);
    }
  }

  @Test
  void flushRetryDeleteAndBounceAnswerWithCounts() throws Exception {
    HttpResponse<String> flush = post(port, "/admin/queue/flush", AUTH);
    assertEquals(200, flush.statusCode());
    assertEquals(new JsonObject().put("action", "flush").put("recipients", 3), new JsonObject(flush.body()));

    HttpResponse<String> retry = post(port, "/admin/queue/0001/retry", AUTH);
    assertEquals(200, retry.statusCode());
    assertEquals(new JsonObject().put("action", "retry").put("id", "0001").put("recipients", 2),
        new JsonObject(retry.body()));

    HttpResponse<String> bounce = post(port, "/admin/queue/0001/bounce", AUTH);
    assertEquals(200, bounce.statusCode());
    assertEquals(2, new JsonObject(bounce.body()).getInteger("recipients"));
    JsonObject shown = new JsonObject(get(port, "/admin/queue/0001", AUTH).body());
    assertEquals("FAILED", shown.getJsonArray("recipients").getJsonObject(1).getString("status"));

    HttpResponse<String> delete = post(port, "/admin/queue/0002/delete", AUTH);
    assertEquals(200, delete.statusCode());
    assertEquals(new JsonObject().put("action", "delete").put("id", "0002").put("recipients", 1),
        new JsonObject(delete.body()));
    assertEquals(0, new JsonObject(get(port, "/admin/queue/count", AUTH).body()).getLong("count"));
    assertEquals(List.of("flush 3", "retry 0001 2", "bounce 0001 2", "delete 0002 1"), actions);
  }

  @Test
  void actionsOnUnknownFinalOrMalformedIds() throws Exception {
    for (String verb : new String[] {"retry", "delete", "bounce"}) {
      HttpResponse<String> unknown = post(port, "/admin/queue/9999/" + verb, AUTH);
      assertEquals(404, unknown.statusCode(), verb);
      assertEquals("no message 9999 in the queue", new JsonObject(unknown.body()).getString("error"));

      HttpResponse<String> fin = post(port, "/admin/queue/0003/" + verb, AUTH);
      assertEquals(409, fin.statusCode(), verb);
      assertTrue(new JsonObject(fin.body()).getString("error").contains("already final"), fin.body());

      assertEquals(400, post(port, "/admin/queue/ab%20cd/" + verb, AUTH).statusCode(), verb);
      assertEquals(400, post(port, "/admin/queue/%2E%2E/" + verb, AUTH).statusCode(), verb);
    }
    assertEquals(405, post(port, "/admin/queue/0001/requeue", AUTH).statusCode(), "an unknown action is no POST route");
    assertEquals(List.of(), actions, "nothing changed");
  }

  private static List<String> ids(JsonObject list) {
    return list.getJsonArray("messages").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
