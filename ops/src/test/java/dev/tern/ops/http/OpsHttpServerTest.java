package dev.tern.ops.http;

import dev.tern.delivery.QueueEntry.Status;
import dev.tern.delivery.SpoolHealth;
import dev.tern.ops.server.AdminToken;
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
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tern.ops.testing.Entries.entry;
import static dev.tern.ops.testing.Http.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsHttpServerTest {

  private static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String AUTH = "Bearer " + TOKEN;

  private final InMemorySpool spool = new InMemorySpool();
  private final AtomicBoolean started = new AtomicBoolean(true);
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
    server = new OpsHttpServer(vertx, registry, spool, started::get, AdminToken.of(TOKEN));
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
    HttpResponse<String> post = dev.tern.ops.testing.Http.post(port, "/admin/queue");
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
  }
}
