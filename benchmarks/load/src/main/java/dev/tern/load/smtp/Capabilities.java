package dev.tern.load.smtp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the server's EHLO reply offers: keyword to parameters (upper-cased keywords). HELO offers nothing. */
record Capabilities(Map<String, String> extensions) {

  static final Capabilities NONE = new Capabilities(Map.of());

  static Capabilities fromEhlo(SmtpReply reply) {
    Map<String, String> extensions = new HashMap<>();
    List<String> lines = reply.lines();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      extensions.put(keyword, space < 0 ? "" : line.substring(space + 1).trim());
    }
    return new Capabilities(Map.copyOf(extensions));
  }

  boolean has(String keyword) {
    return extensions.containsKey(keyword);
  }

  boolean pipelining() {
    return has("PIPELINING");
  }

  boolean size() {
    return has("SIZE");
  }

  boolean startTls() {
    return has("STARTTLS");
  }

  /** Whether AUTH offers this SASL mechanism. */
  boolean auth(String mechanism) {
    String mechanisms = extensions.get("AUTH");
    return mechanisms != null
        && Set.of(mechanisms.toUpperCase(Locale.ROOT).split("\\s+")).contains(mechanism.toUpperCase(Locale.ROOT));
  }
}
