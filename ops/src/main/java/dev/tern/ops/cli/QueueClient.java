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
    return get("/admin/queue?limit=" + limit, null);
  }

  JsonObject count() {
    return get("/admin/queue/count", null);
  }

  JsonObject show(String id) {
    return get("/admin/queue/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"),
        "no message " + id + " in the queue");
  }

  private JsonObject get(String path, String notFound) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token.value())
        .header("Accept", "application/json")
        .GET().build();
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
    if (status != 200) {
      throw new UserError("the server answered HTTP " + status + ": " + body.getString("error", "(no detail)"));
    }
    return body;
  }
}
