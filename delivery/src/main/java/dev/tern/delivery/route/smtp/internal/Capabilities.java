package dev.tern.delivery.route.smtp.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The ESMTP extensions a server announced in its EHLO reply (every line after the first). */
public final class Capabilities {

  /** What a HELO-only server offers. */
  public static final Capabilities NONE = new Capabilities(Map.of(), false);

  private final Map<String, String> keywords;
  private final boolean esmtp;

  private Capabilities(Map<String, String> keywords, boolean esmtp) {
    this.keywords = keywords;
    this.esmtp = esmtp;
  }

  public static Capabilities fromEhlo(Reply ehlo) {
    Map<String, String> keywords = new HashMap<>();
    List<String> lines = ehlo.lines();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      String params = space < 0 ? "" : line.substring(space + 1).strip();
      // "AUTH=LOGIN PLAIN" is an old form some servers still send beside "AUTH ..."
      if (keyword.startsWith("AUTH=")) {
        params = (keyword.substring(5) + " " + params).strip();
        keyword = "AUTH";
        params = keywords.containsKey("AUTH") ? keywords.get("AUTH") + " " + params : params;
      }
      keywords.put(keyword, params);
    }
    return new Capabilities(Map.copyOf(keywords), true);
  }

  public boolean esmtp() {
    return esmtp;
  }

  public boolean has(String keyword) {
    return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
  }

  public boolean pipelining() {
    return has("PIPELINING");
  }

  public boolean startTls() {
    return has("STARTTLS");
  }

  public boolean eightBitMime() {
    return has("8BITMIME");
  }

  public boolean smtpUtf8() {
    return has("SMTPUTF8");
  }

  public boolean chunking() {
    return has("CHUNKING");
  }

  public boolean dsn() {
    return has("DSN");
  }

  public boolean size() {
    return has("SIZE");
  }

  /** The SIZE limit in octets, or 0 when there is none (absent, "SIZE" alone, "SIZE 0" or unparsable). */
  public long sizeLimit() {
    String value = keywords.get("SIZE");
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      long limit = Long.parseLong(value.split(" ")[0]);
      return Math.max(limit, 0);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Set<String> authMechanisms() {
    String value = keywords.get("AUTH");
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return java.util.Arrays.stream(value.toUpperCase(Locale.ROOT).trim().split("\\s+"))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    return keywords.keySet().toString();
  }
}
