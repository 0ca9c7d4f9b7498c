package dev.tern.delivery.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A multipart/report DSN taken apart by hand: top headers, then each part's headers and body. */
record ParsedDsn(Map<String, String> headers, List<Part> parts) {

  record Part(Map<String, String> headers, String body) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

  static ParsedDsn parse(String message) {
    if (message.contains("\n") && message.replace("\r\n", "").contains("\n")) {
      throw new AssertionError("bare LF in the DSN");
    }
    for (String line : message.split("\r\n")) {
      if (line.length() > 998) {
        throw new AssertionError("line over 998 octets");
      }
    }
    int split = message.indexOf("\r\n\r\n");
    Map<String, String> top = headers(message.substring(0, split));
    String type = top.get("content-type");
    if (type == null || !type.startsWith("multipart/report;") || !type.contains("report-type=delivery-status")) {
      throw new AssertionError("not a delivery-status report: " + type);
    }
    Matcher m = BOUNDARY.matcher(type);
    if (!m.find()) {
      throw new AssertionError("no boundary");
    }
    String boundary = "--" + m.group(1);
    String body = message.substring(split + 4);
    int end = body.indexOf("\r\n" + boundary + "--");
    if (end < 0) {
      throw new AssertionError("no closing boundary");
    }
    List<Part> parts = new ArrayList<>();
    String[] chunks = body.substring(0, end).split("(^|\r\n)" + Pattern.quote(boundary) + "\r\n");
    for (int i = 1; i < chunks.length; i++) {
      String chunk = chunks[i];
      int blank = chunk.indexOf("\r\n\r\n");
      parts.add(new Part(headers(chunk.substring(0, blank)), chunk.substring(blank + 4)));
    }
    return new ParsedDsn(top, parts);
  }

  /** Header fields with folded lines joined, names lower case, first occurrence wins. */
  static Map<String, String> headers(String block) {
    Map<String, String> fields = new LinkedHashMap<>();
    String unfolded = block.replace("\r\n\t", " ").replace("\r\n ", " ");
    for (String line : unfolded.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  Part part(String contentTypePrefix) {
    return parts.stream().filter(p -> p.contentType().startsWith(contentTypePrefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + contentTypePrefix + " part"));
  }

  /** The per-recipient blocks of the message/delivery-status part (the first block is per-message). */
  List<Map<String, String>> recipientBlocks() {
    String[] blocks = part("message/delivery-status").body().split("\r\n\r\n");
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; i < blocks.length; i++) {
      if (!blocks[i].isBlank()) {
        out.add(headers(blocks[i]));
      }
    }
    return out;
  }

  Map<String, String> messageBlock() {
    return headers(part("message/delivery-status").body().split("\r\n\r\n")[0]);
  }
}
