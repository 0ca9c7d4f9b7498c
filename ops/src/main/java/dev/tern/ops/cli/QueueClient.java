package dev.tern.ops.cli;

import dev.tern.ops.config.HttpConfig;
import dev.tern.ops.server.AdminToken;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The admin API as `tern queue` calls it: loopback HTTP with the bearer token from the data directory. */
final class QueueClient {

  private final HttpClient http;
  private final URI base;
  private final AdminToken token;

  QueueClient(HttpClient http, URI base, AdminToken token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /** The URL of a server listening on {@code config}; wildcard binds are reached over loopback. */
  static URI baseUri(HttpConfig config) {
    String host = switch (config.bind()) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "[::]" -> "::1";
      default -> config.bind();
    };
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + config.port());
  }

  JsonObject list(int limit) {
    return list(limit, null, null);
  }

  /** @param domain recipient domain filter or null; @param state "queued", "deferred" or null */
  JsonObject list(int limit, String domain, String state) {
    StringBuilder query = new StringBuilder("/admin/queue?limit=").append(limit);
    if (domain != null) {
      query.append("&domain=").append(encode(domain));
    }
    if (state != null) {
      query.append("&state=").append(encode(state));
    }
    return get(query.toString(), null);
  }

  JsonObject flush() {
    return send(post("/admin/queue/flush"), null);
  }

  /** @param action retry, delete or bounce */
  JsonObject act(String id, String action) {
    return send(post("/admin/queue/" + encode(id) + "/" + action), "no message " + id + " in the queue");
  }

  JsonObject count() {
    return get("/admin/queue/count", null);
  }

  JsonObject show(String id) {
    return get("/admin/queue/" + encode(id), "no message " + id + " in the queue");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token.value())
        .header("Accept", "application/json");
  }

  private HttpRequest post(String path) {
    return request(path).POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  private JsonObject get(String path, String notFound) {
    return send(request(path).GET().build(), notFound);
  }

  private JsonObject send(HttpRequest request, String notFound) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new UserError("cannot reach the tern server at " + base + " (is tern serve running with this config?)", e);
    } catch (HttpTimeoutException e) {
      throw new UserError("the tern server at " + base + " did not answer in time", e);
    } catch (IOException e) {
      throw new UserError("cannot talk to the tern server at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", e);
    }
    int status = response.statusCode();
    if (status == 401) {
      throw new UserError("the server at " + base + " rejected the admin token (is --data the running server's data directory?)");
    }
    if (status == 404 && notFound != null) {
      throw new UserError(notFound);
    }
    JsonObject body;
    try {
      body = new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      throw new UserError("unexpected answer from " + base + " (HTTP " + status + "); is that a tern server?", e);
    }
    if (status == 400 || status == 409) {
      throw new UserError(body.getString("error", "the server refused (HTTP " + status + ")"));
    }
    if (status != 200) {
      throw new UserError("the server answered HTTP " + status + ": " + body.getString("error", "(no detail)"));
    }
    return body;
  }
}
