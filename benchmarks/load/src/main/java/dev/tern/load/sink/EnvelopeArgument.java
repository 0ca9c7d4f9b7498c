package dev.tern.load.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * The argument of MAIL FROM: and RCPT TO: (RFC 5321 section 4.1.2): a path in angle brackets, then parameters
 * separated by spaces. A space after the colon is tolerated, as most servers do; everything else is strict.
 *
 * @param outcome    whether it parsed, and if not, why
 * @param address    the mailbox without brackets and source route; empty for the null reverse-path
 * @param nonAscii   whether the address has octets above 127 (needs SMTPUTF8)
 * @param parameters the parameters as written (keyword or keyword=value)
 */
record EnvelopeArgument(Outcome outcome, String address, boolean nonAscii, List<String> parameters) {

  enum Outcome { OK, SYNTAX, BAD_ADDRESS }

  private static final EnvelopeArgument SYNTAX = new EnvelopeArgument(Outcome.SYNTAX, "", false, List.of());
  private static final EnvelopeArgument BAD_ADDRESS =
      new EnvelopeArgument(Outcome.BAD_ADDRESS, "", false, List.of());

  /**
   * Parses {@code line} from {@code start} (just past the colon).
   *
   * @param reversePath MAIL's path, which may be empty ("&lt;&gt;"); RCPT's may instead be a bare "postmaster"
   */
  static EnvelopeArgument parse(String line, int start, boolean reversePath) {
    int i = start;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    if (i >= line.length() || line.charAt(i) != '<') {
      return SYNTAX;
    }
    int close = closingBracket(line, i + 1);
    if (close < 0) {
      return SYNTAX;
    }
    String path = line.substring(i + 1, close);
    String rest = line.substring(close + 1);
    if (!rest.isEmpty() && rest.charAt(0) != ' ') {
      return SYNTAX;
    }
    List<String> parameters = new ArrayList<>();
    for (String parameter : rest.split(" ")) {
      if (!parameter.isEmpty()) {
        parameters.add(parameter);
      }
    }
    String address = withoutSourceRoute(path);
    if (address == null || !validAddress(address, reversePath)) {
      return BAD_ADDRESS;
    }
    boolean nonAscii = address.chars().anyMatch(c -> c > 127);
    return new EnvelopeArgument(Outcome.OK, address, nonAscii, parameters);
  }

  /** The index of the '>' closing the path, skipping quoted strings; -1 when there is none. */
  private static int closingBracket(String line, int from) {
    boolean quoted = false;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
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

  /** "@a,@b:user@c" becomes "user@c" (section 4.1.1.3: accepted, then ignored); null when the route is broken. */
  private static String withoutSourceRoute(String path) {
    if (!path.startsWith("@")) {
      return path;
    }
    int colon = path.indexOf(':');
    return colon < 0 ? null : path.substring(colon + 1);
  }

  private static boolean validAddress(String address, boolean reversePath) {
    if (address.isEmpty()) {
      return reversePath;
    }
    if (!reversePath && address.equalsIgnoreCase("postmaster")) {
      return true;
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return false;
    }
    boolean quoted = false;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c < ' ' || c == 127 || (c == ' ' && !quoted) || (c == '<' && !quoted)) {
        return false;
      }
    }
    return !quoted;
  }
}
