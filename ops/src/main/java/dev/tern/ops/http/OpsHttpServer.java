package dev.tern.ops.http;

import dev.tern.delivery.BodyStream;
import dev.tern.delivery.QueueEntry;
import dev.tern.delivery.QueueFilter;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.Spool;
import dev.tern.delivery.SpoolHealth;
import dev.tern.ops.server.AdminToken;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.PrometheusRequestHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's HTTP endpoint: {@code /metrics} (Prometheus text), {@code /health} and the admin API
 * under {@code /admin/} (bearer token). Routed by hand. Reading is GET (or HEAD); the queue actions
 * ({@code POST /admin/queue/flush}, {@code POST /admin/queue/{id}/retry|delete|bounce}) are POST only.
 */
public final class OpsHttpServer {

  private static final System.Logger LOG = System.getLogger(OpsHttpServer.class.getName());
  public static final int DEFAULT_LIST_LIMIT = 100;
  public static final int MAX_LIST_LIMIT = 10_000;
  private static final String QUEUE = "/admin/queue";
  private static final String BODY = "/body";
  private static final String FLUSH = QUEUE + "/flush";
  private static final Pattern ACTION = Pattern.compile(Pattern.quote(QUEUE) + "/([^/]+)/(retry|delete|bounce)");
  /** Queue ids are hex digits; anything else in an action's path is a typo, not an unknown message. */
  private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern DOMAIN = Pattern.compile("[\\p{L}\\p{N}.-]{1,255}|\\[[0-9A-Fa-f.:]{1,64}]");

  private final Vertx vertx;
  private final Spool spool;
  private final QueueActions actions;
  private final BooleanSupplier started;
  private final AdminToken token;
  private final Handler<HttpServerRequest> metrics;
  private HttpServer server;

  /**
   * @param started whether the server as a whole is up; /health answers 503 until it is and once
   *                shutdown begins
   */
  public OpsHttpServer(Vertx vertx, PrometheusMeterRegistry registry, Spool spool, QueueActions actions,
      BooleanSupplier started, AdminToken token) {
    this.vertx = vertx;
    this.spool = spool;
    this.actions = actions;
    this.started = started;
    this.token = token;
    this.metrics = PrometheusRequestHandler.create(registry, "/metrics");
  }

  public Future<Integer> listen(String host, int port) {
    HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
        .setIdleTimeout(60).setMaxInitialLineLength(4096)
        // HTTP/1.1 only: clients that try an h2c upgrade (the JDK's HttpClient does) keep a simple connection.
        .setHttp2ClearTextEnabled(false));
    s.requestHandler(this::handle);
    return s.listen().map(bound -> {
      server = bound;
      return bound.actualPort();
    });
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    boolean action = path.equals(FLUSH) || ACTION.matcher(path).matches();
    if (action ? req.method() != HttpMethod.POST : req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      req.response().putHeader("Allow", action ? "POST" : "GET, HEAD");
      text(req.response(), 405, "method not allowed\n");
      return;
    }
    if (path.equals("/metrics")) {
      metrics.handle(req);
    } else if (path.equals("/health")) {
      health(req.response());
    } else if (path.equals("/admin") || path.startsWith("/admin/")) {
      if (!authorized(req)) {
        req.response().putHeader("WWW-Authenticate", "Bearer realm=\"tern\"");
        json(req.response(), 401, QueueJson.error("missing or wrong bearer token"));
        return;
      }
      admin(req, path);
    } else {
      text(req.response(), 404, "not found\n");
    }
  }

  private void health(HttpServerResponse response) {
    if (!started.getAsBoolean()) {
      text(response, 503, "not started\n");
      return;
    }
    SpoolHealth health = spool.health();
    if (health.accepting()) {
      text(response, 200, "ok\n");
    } else {
      text(response, 503, "spool not accepting: " + health.reason() + "\n");
    }
  }

  private boolean authorized(HttpServerRequest req) {
    String header = req.getHeader("Authorization");
    if (header == null || header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return false;
    }
    return token.matches(header.substring(7).trim());
  }

  private void admin(HttpServerRequest req, String path) {
    HttpServerResponse response = req.response();
    Matcher action = ACTION.matcher(path);
    if (path.equals(FLUSH)) {
      reply(response, actions.flush().map(n -> QueueJson.action("flush", null, n)));
    } else if (action.matches()) {
      act(response, action.group(1), action.group(2));
    } else if (path.equals(QUEUE)) {
      list(req);
    } else if (path.equals(QUEUE + "/count")) {
      reply(response, spool.count().map(QueueJson::count));
    } else if (path.startsWith(QUEUE + "/") && path.endsWith(BODY) && path.length() > QUEUE.length() + 1 + BODY.length()) {
      String id = URLDecoder.decode(path.substring(QUEUE.length() + 1, path.length() - BODY.length()), StandardCharsets.UTF_8);
      body(response, new QueueId(id));
    } else if (path.startsWith(QUEUE + "/") && path.indexOf('/', QUEUE.length() + 1) < 0) {
      String id = URLDecoder.decode(path.substring(QUEUE.length() + 1), StandardCharsets.UTF_8);
      if (id.isEmpty()) {
        json(response, 404, QueueJson.error("no such message"));
        return;
      }
      spool.find(new QueueId(id)).onComplete(found -> {
        if (found.failed()) {
          serverError(response, found.cause());
        } else if (found.result().isEmpty()) {
          json(response, 404, QueueJson.error("no message " + id + " in the queue"));
        } else {
          json(response, 200, QueueJson.entry(found.result().get()));
        }
      });
    } else {
      json(response, 404, QueueJson.error("no such admin resource"));
    }
  }

  private void list(HttpServerRequest req) {
    HttpServerResponse response = req.response();
    Integer limit = limit(req.getParam("limit"));
    if (limit == null) {
      json(response, 400, QueueJson.error("limit must be an integer from 1 to " + MAX_LIST_LIMIT));
      return;
    }
    String domain = req.getParam("domain");
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      json(response, 400, QueueJson.error("domain must be a domain name, got \"" + domain + "\""));
      return;
    }
    String state = req.getParam("state");
    QueueEntry.Status status = null;
    if (state != null) {
      status = switch (state.toLowerCase(Locale.ROOT)) {
        case "queued" -> QueueEntry.Status.QUEUED;
        case "deferred" -> QueueEntry.Status.DEFERRED;
        default -> null;
      };
      if (status == null) {
        json(response, 400, QueueJson.error("state must be queued or deferred, got \"" + state + "\""));
        return;
      }
    }
    QueueFilter filter = new QueueFilter(domain, status);
    reply(response, actions.list(filter, limit).map(entries -> QueueJson.list(entries, limit, filter)));
  }

  /** retry, delete or bounce one message: 404 when unknown, 409 when already final. */
  private void act(HttpServerResponse response, String rawId, String verb) {
    String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
    if (!QUEUE_ID.matcher(id).matches()) {
      json(response, 400, QueueJson.error("not a queue id: \"" + id + "\""));
      return;
    }
    QueueId queueId = new QueueId(id);
    Function<QueueId, Future<Integer>> todo = switch (verb) {
      case "retry" -> actions::retry;
      case "delete" -> actions::delete;
      default -> actions::bounce;
    };
    Future<Integer> done;
    try {
      done = todo.apply(queueId);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> {
      if (ar.succeeded()) {
        json(response, 200, QueueJson.action(verb, id, ar.result()));
      } else if (ar.cause() instanceof NoSuchElementException) {
        json(response, 404, QueueJson.error("no message " + id + " in the queue"));
      } else if (ar.cause() instanceof IllegalStateException) {
        json(response, 409, QueueJson.error("message " + id + " is already final (delivered or failed)"));
      } else if (ar.cause() instanceof IllegalArgumentException) {
        json(response, 400, QueueJson.error(String.valueOf(ar.cause().getMessage())));
      } else {
        serverError(response, ar.cause());
      }
    });
  }

  /** The stored message as it will be relayed (trace header first), streamed from the spool. */
  private void body(HttpServerResponse response, QueueId id) {
    spool.find(id).onComplete(found -> {
      if (found.failed()) {
        serverError(response, found.cause());
      } else if (found.result().isEmpty()) {
        json(response, 404, QueueJson.error("no message " + id + " in the queue"));
      } else {
        spool.openBody(id).onComplete(opened -> {
          if (opened.failed()) {
            // Final messages give up their bodies; that is "gone", not a server fault.
            json(response, 404, QueueJson.error("no body for " + id + ": " + opened.cause().getMessage()));
            return;
          }
          BodyStream stream = opened.result();
          response.setStatusCode(200)
              .putHeader("Content-Type", "message/rfc822")
              .putHeader("Content-Length", Long.toString(stream.length()));
          stream.pipeTo(response).onFailure(cause -> LOG.log(System.Logger.Level.WARNING,
              "streaming body of " + id + " failed: " + cause));
        });
      }
    });
  }

  private static Integer limit(String param) {
    if (param == null) {
      return DEFAULT_LIST_LIMIT;
    }
    try {
      int n = Integer.parseInt(param);
      return n >= 1 && n <= MAX_LIST_LIMIT ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void reply(HttpServerResponse response, Future<JsonObject> body) {
    body.onComplete(done -> {
      if (done.succeeded()) {
        json(response, 200, done.result());
      } else {
        serverError(response, done.cause());
      }
    });
  }

  private void serverError(HttpServerResponse response, Throwable cause) {
    LOG.log(System.Logger.Level.WARNING, "admin request failed: " + cause);
    json(response, 500, QueueJson.error("spool error: " + cause.getMessage()));
  }

  private static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode() + "\n");
  }

  private static void text(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
  }
}
