package dev.tern.ops.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads queued messages back through the admin API and compares them with what a client sent. */
final class StoredMessages {

  /** One Received: header field, folded or not, as the relay prepends it. */
  private static final Pattern TRACE_HEADER = Pattern.compile("Received: [^\r\n]*(\r\n[ \t][^\r\n]*)*\r\n");

  private StoredMessages() {}

  /** The stored bytes of a queued message (as ISO-8859-1 text), or null when the queue does not know it. */
  static String body(TernProcess tern, String queueId) throws IOException, InterruptedException {
    HttpResponse<String> r = tern.http("/admin/queue/" + queueId + "/body");
    if (r.statusCode() == 404) {
      return null;
    }
    assertEquals(200, r.statusCode(), "body of " + queueId + ": " + r.body());
    return r.body();
  }

  /** The stored message is exactly one Received: header followed by the bytes the client sent (unstuffed). */
  static void assertTraceHeaderThenBody(String stored, String sent) {
    assertTrue(stored.endsWith(sent), "stored message ends with what was sent");
    String prefix = stored.substring(0, stored.length() - sent.length());
    assertTrue(TRACE_HEADER.matcher(prefix).matches(), "only a Received: header was added, got: " + prefix);
  }

  /** A message of about {@code size} bytes, CRLF lines, no line starting with a dot. */
  static String sampleBody(int n, int size) {
    StringBuilder b = new StringBuilder()
        .append("From: Load <load@client.example>\r\n")
        .append("To: sink@remote.example\r\n")
        .append("Subject: message ").append(n).append("\r\n")
        .append("Message-ID: <").append(n).append("@client.example>\r\n")
        .append("\r\n");
    int line = 0;
    while (b.length() < size) {
      b.append("line ").append(line++).append(" of message ").append(n).append(" abcdefghijklmnopqrstuvwxyz\r\n");
    }
    return b.toString();
  }
}
