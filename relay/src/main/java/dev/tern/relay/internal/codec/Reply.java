package dev.tern.relay.internal.codec;

import java.util.List;

/**
 * An SMTP reply: a code, an RFC 3463 enhanced status code (null for the greeting and EHLO/HELO
 * replies, which RFC 2034 exempts) and one or more text lines.
 */
public record Reply(int code, String enhanced, List<String> lines) {

  public Reply {
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply needs a line");
    }
  }

  public static Reply of(int code, String enhanced, String text) {
    return new Reply(code, enhanced, List.of(text));
  }

  /** A reply without an enhanced code (greeting, EHLO, HELO, SASL challenges). */
  public static Reply plain(int code, String text) {
    return new Reply(code, null, List.of(text));
  }

  public boolean isPermanentFailure() {
    return code >= 500;
  }

  public boolean isFailure() {
    return code >= 400;
  }

  /** The wire form: "250-a\r\n250 b\r\n", each line carrying the enhanced code when there is one. */
  public String format() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
      if (enhanced != null) {
        out.append(enhanced).append(' ');
      }
      out.append(lines.get(i)).append("\r\n");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return code + (enhanced == null ? "" : " " + enhanced) + " " + lines.get(0);
  }
}
