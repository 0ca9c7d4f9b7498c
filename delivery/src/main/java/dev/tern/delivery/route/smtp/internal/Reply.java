package dev.tern.delivery.route.smtp.internal;

import java.util.List;

/**
 * One complete SMTP reply, possibly multi-line.
 *
 * @param code  the three-digit code
 * @param lines the text after "code-" / "code " of each line, in order
 */
public record Reply(int code, List<String> lines) {

  public Reply {
    lines = List.copyOf(lines);
  }

  public static Reply local(int code, String text) {
    return new Reply(code, List.of(text));
  }

  public boolean positive() {
    return code >= 200 && code < 300;
  }

  public boolean intermediate() {
    return code >= 300 && code < 400;
  }

  public boolean transientFailure() {
    return code >= 400 && code < 500;
  }

  public boolean permanentFailure() {
    return code >= 500;
  }

  /** The reply on one line, for journals, DSNs and logs: "550 5.1.1 no such user" (lines joined by "; "). */
  public String oneLine() {
    StringBuilder out = new StringBuilder().append(code);
    String joined = String.join("; ", lines).strip();
    if (!joined.isEmpty()) {
      out.append(' ').append(joined);
    }
    return sanitize(out.toString());
  }

  private static String sanitize(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 500));
    for (int i = 0; i < text.length() && out.length() < 500; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return oneLine();
  }
}
