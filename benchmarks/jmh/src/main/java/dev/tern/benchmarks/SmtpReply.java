package dev.tern.benchmarks;

import java.util.List;

/**
 * One SMTP reply as read off the wire.
 *
 * @param code  the three-digit reply code
 * @param lines the text of each line after the code and separator, in order
 */
public record SmtpReply(int code, List<String> lines) {

  public SmtpReply {
    lines = List.copyOf(lines);
  }

  @Override
  public String toString() {
    return code + " " + String.join(" / ", lines);
  }
}
