package dev.tern.load.smtp;

import java.util.SplittableRandom;

/** Plain words in CRLF lines of at most 78 octets, to an exact length: the prose of generated messages. */
final class TextFiller {

  static final int MAX_LINE = 78;
  private static final String[] WORDS = {
      "the", "load", "report", "for", "this", "week", "shows", "steady", "mail", "flow", "across", "every",
      "region", "and", "our", "team", "will", "review", "queue", "depth", "before", "friday", "please", "send",
      "notes", "about", "delivery", "delays", "to", "operations", "with", "a", "short", "summary", "of", "what",
      "changed", "since", "last", "release", "numbers", "look", "good", "but", "some", "servers", "answered",
      "slowly", "during", "peak", "hours", "so", "we", "plan", "more", "capacity", "next", "quarter", "thanks",
      "regards", "meeting", "agenda", "invoice", "attached", "project", "update", "schedule", "draft"};

  private final SplittableRandom random;

  TextFiller(SplittableRandom random) {
    this.random = random;
  }

  /** A line of exactly {@code chars} characters (no CRLF), words cut to fit, never ending in a space. */
  String line(int chars) {
    StringBuilder line = new StringBuilder(chars + 12);
    while (line.length() < chars) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(WORDS[random.nextInt(WORDS.length)]);
    }
    line.setLength(chars);
    if (chars > 0 && line.charAt(chars - 1) == ' ') {
      line.setCharAt(chars - 1, 's');
    }
    return line.toString();
  }

  /**
   * Exactly {@code octets} of text in CRLF-ended lines ({@code octets} is 0 or at least 2). The second line, when
   * there is room, starts with a dot, as lines in real mail sometimes do, so that SMTP has something to stuff.
   */
  String lines(int octets) {
    if (octets == 1 || octets < 0) {
      throw new IllegalArgumentException("cannot fill " + octets + " octets with CRLF lines");
    }
    StringBuilder text = new StringBuilder(octets);
    int remaining = octets;
    int lineNumber = 0;
    while (remaining > 0) {
      int length = remaining <= MAX_LINE ? remaining : 40 + random.nextInt(MAX_LINE - 40 + 1);
      if (remaining - length == 1) {
        length--;
      }
      String content = line(length - 2);
      if (lineNumber == 1 && content.length() > 1) {
        content = "." + content.substring(1);
      }
      text.append(content).append("\r\n");
      remaining -= length;
      lineNumber++;
    }
    return text.toString();
  }
}
