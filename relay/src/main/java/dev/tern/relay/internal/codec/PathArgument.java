package dev.tern.relay.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The argument of MAIL or RCPT split into the bracketed path and the ESMTP parameters:
 * {@code FROM:<a@b> SIZE=10 BODY=8BITMIME}. A space after the colon is tolerated (common in the wild).
 *
 * @param path       the path including its angle brackets
 * @param parameters the ESMTP parameters in order
 */
public record PathArgument(String path, List<Parameter> parameters) {

  /** One ESMTP parameter; the keyword upper-cased, the value null when absent. */
  public record Parameter(String keyword, String value) {
  }

  /** Returns null when the argument does not start with {@code keyword:} and a bracketed path. */
  public static PathArgument parse(String argument, String keyword) {
    if (!argument.regionMatches(true, 0, keyword + ":", 0, keyword.length() + 1)) {
      return null;
    }
    String rest = argument.substring(keyword.length() + 1).stripLeading();
    if (rest.isEmpty() || rest.charAt(0) != '<') {
      return null;
    }
    int end = closingBracket(rest);
    if (end < 0) {
      return null;
    }
    String path = rest.substring(0, end + 1);
    String tail = rest.substring(end + 1);
    if (!tail.isEmpty() && tail.charAt(0) != ' ') {
      return null;
    }
    List<Parameter> parameters = new ArrayList<>();
    for (String token : tail.strip().split(" +")) {
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      String name = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
      if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
        return null;
      }
      parameters.add(new Parameter(name, eq < 0 ? null : token.substring(eq + 1)));
    }
    return new PathArgument(path, List.copyOf(parameters));
  }

  /** The '>' closing the path, skipping any quoted local part; -1 when missing. */
  private static int closingBracket(String s) {
    boolean quoted = false;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        return i;
      }
    }
    return -1;
  }
}
