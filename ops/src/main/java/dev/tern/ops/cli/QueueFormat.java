package dev.tern.ops.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How `tern queue` prints what the admin API returns. */
final class QueueFormat {

  private QueueFormat() {}

  /** {@code ID  AGE  SIZE  <sender>  rcpt (STATUS), ...} */
  static String line(JsonObject m, Instant now) {
    return m.getString("id")
        + "  " + age(Instant.parse(m.getString("receivedAt")), now)
        + "  " + size(m.getLong("size"))
        + "  <" + m.getString("sender") + ">"
        + "  " + String.join(", ", recipients(m.getJsonArray("recipients")));
  }

  static String block(JsonObject m, Instant now) {
    Instant received = Instant.parse(m.getString("receivedAt"));
    StringBuilder b = new StringBuilder();
    row(b, "id", m.getString("id"));
    row(b, "received", received + " (" + age(received, now) + " ago)");
    row(b, "sender", "<" + m.getString("sender") + ">");
    row(b, "client", m.getString("clientAddress") + " (helo " + m.getString("clientHelo") + ")");
    row(b, "authenticated", m.getString("authenticatedUser") == null ? "no" : m.getString("authenticatedUser"));
    row(b, "size", m.getLong("size") + " bytes");
    row(b, "body", (m.getString("body") == null ? "-" : m.getString("body"))
        + (Boolean.TRUE.equals(m.getBoolean("smtpUtf8")) ? ", SMTPUTF8" : ""));
    if (m.getString("envelopeId") != null) {
      row(b, "envelope id", m.getString("envelopeId"));
    }
    b.append("recipients:\n");
    for (Object o : m.getJsonArray("recipients")) {
      JsonObject r = (JsonObject) o;
      b.append("  ").append(r.getString("recipient")).append("  ").append(r.getString("status"))
          .append("  attempts ").append(r.getInteger("attempts"));
      if (r.getString("nextAttemptAt") != null) {
        b.append("  next ").append(r.getString("nextAttemptAt"));
      }
      String reply = r.getString("lastReply");
      if (reply != null && !reply.isEmpty()) {
        b.append("  last: ").append(reply);
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-14s %s%n", label + ":", value));
  }

  private static List<String> recipients(JsonArray rs) {
    List<String> out = new ArrayList<>();
    for (Object o : rs) {
      JsonObject r = (JsonObject) o;
      out.add(r.getString("recipient") + " (" + r.getString("status") + ")");
    }
    return out;
  }

  static String age(Instant then, Instant now) {
    long s = Math.max(0, Duration.between(then, now).getSeconds());
    if (s < 60) return s + "s";
    if (s < 3600) return s / 60 + "m" + (s % 60 == 0 ? "" : String.format(Locale.ROOT, "%02ds", s % 60));
    if (s < 86400) return s / 3600 + "h" + String.format(Locale.ROOT, "%02dm", s % 3600 / 60);
    return s / 86400 + "d" + String.format(Locale.ROOT, "%02dh", s % 86400 / 3600);
  }

  static String size(long bytes) {
    if (bytes < 1024) return bytes + "B";
    if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1fK", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1fM", bytes / (1024.0 * 1024));
  }
}
