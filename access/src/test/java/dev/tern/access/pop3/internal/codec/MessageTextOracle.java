package dev.tern.access.pop3.internal.codec;

import java.util.ArrayList;
import java.util.List;

/** A deliberately naive, whole-message model of RETR/TOP output that the streaming classes must match. */
final class MessageTextOracle {

  private MessageTextOracle() {
  }

  /** Lines of the message with CRLF, bare CR and bare LF all counting as line endings. */
  static List<String> lines(String message) {
    String normal = message.replace("\r\n", "\n").replace('\r', '\n');
    List<String> lines = new ArrayList<>(List.of(normal.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the text after the last line ending, when there is none
    }
    return lines;
  }

  static String retr(String message) {
    return wire(lines(message));
  }

  static String top(String message, int bodyLines) {
    List<String> all = lines(message);
    int blank = all.indexOf("");
    if (blank < 0) {
      return wire(all);
    }
    return wire(all.subList(0, Math.min(all.size(), blank + 1 + bodyLines)));
  }

  private static String wire(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
    }
    return out.append(".\r\n").toString();
  }
}
