package dev.tern.relay.internal.codec;

/**
 * RFC 5321 4.1.2 path syntax, with RFC 6531 UTF-8 extensions. A source route (@a,@b:) is accepted and
 * dropped, as 4.1.2 asks.
 */
public final class PathSyntax {

  /** Why a path was refused. */
  public enum Problem { SYNTAX, NON_ASCII, FORBIDDEN_CHARACTER, TOO_LONG }

  /** Either a mailbox (null for the null path {@code <>}) or a problem. */
  public record Result(Mailbox mailbox, boolean nullPath, Problem problem) {
    public boolean ok() {
      return problem == null;
    }

    static Result failed(Problem problem) {
      return new Result(null, false, problem);
    }
  }

  private static final int MAX_PATH = 256;
  private static final int MAX_LOCAL_PART = 64;
  private static final int MAX_DOMAIN = 255;

  private PathSyntax() {
  }

  /**
   * Parses {@code <...>} (brackets included).
   *
   * @param allowNull      true at MAIL, where {@code <>} is the null reverse-path
   * @param utf8           true when SMTPUTF8 was given, so non-ASCII is allowed
   * @param allowPostmaster true at RCPT, where {@code <Postmaster>} needs no domain
   */
  public static Result parse(String path, boolean allowNull, boolean utf8, boolean allowPostmaster) {
    if (path.length() < 2 || path.charAt(0) != '<' || path.charAt(path.length() - 1) != '>') {
      return Result.failed(Problem.SYNTAX);
    }
    if (path.length() > MAX_PATH + 2) {
      return Result.failed(Problem.TOO_LONG);
    }
    for (int i = 0; i < path.length(); ) {
      int cp = path.codePointAt(i);
      if (Characters.isForbidden(cp)) {
        return Result.failed(Problem.FORBIDDEN_CHARACTER);
      }
      i += Character.charCount(cp);
    }
    String inner = path.substring(1, path.length() - 1);
    if (inner.isEmpty()) {
      return allowNull ? new Result(null, true, null) : Result.failed(Problem.SYNTAX);
    }
    boolean ascii = inner.chars().allMatch(c -> c < 0x80);
    if (!ascii && !utf8) {
      return Result.failed(Problem.NON_ASCII);
    }
    String mailboxText = stripSourceRoute(inner);
    if (mailboxText == null) {
      return Result.failed(Problem.SYNTAX);
    }
    if (allowPostmaster && mailboxText.equalsIgnoreCase("postmaster")) {
      return new Result(new Mailbox(mailboxText, null, false), false, null);
    }
    return parseMailbox(mailboxText);
  }

  /** Returns the mailbox after an optional "@a,@b:" route, or null when the route is malformed. */
  private static String stripSourceRoute(String inner) {
    if (inner.charAt(0) != '@') {
      return inner;
    }
    int colon = inner.indexOf(':');
    if (colon < 0) {
      return null;
    }
    for (String hop : inner.substring(0, colon).split(",", -1)) {
      if (hop.length() < 2 || hop.charAt(0) != '@' || !isDomain(hop.substring(1), true)) {
        return null;
      }
    }
    return inner.substring(colon + 1);
  }

  private static Result parseMailbox(String text) {
    int at = localPartEnd(text);
    if (at <= 0 || at >= text.length() - 1 || text.charAt(at) != '@') {
      return Result.failed(Problem.SYNTAX);
    }
    String local = text.substring(0, at);
    String domain = text.substring(at + 1);
    if (utf8Length(local) > MAX_LOCAL_PART || utf8Length(domain) > MAX_DOMAIN) {
      return Result.failed(Problem.TOO_LONG);
    }
    boolean quoted = local.charAt(0) == '"';
    if (!(quoted ? isQuotedString(local) : isDotString(local))) {
      return Result.failed(Problem.SYNTAX);
    }
    if (domain.charAt(0) == '[') {
      return isAddressLiteral(domain)
          ? new Result(new Mailbox(local, domain, true), false, null)
          : Result.failed(Problem.SYNTAX);
    }
    return isDomain(domain, true)
        ? new Result(new Mailbox(local, domain, false), false, null)
        : Result.failed(Problem.SYNTAX);
  }

  /** Index of the '@' that ends the local part, skipping a quoted string; -1 when there is none. */
  private static int localPartEnd(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    if (text.charAt(0) != '"') {
      return text.lastIndexOf('@') == text.indexOf('@') ? text.indexOf('@') : -1;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1 < text.length() ? i + 1 : -1;
      }
    }
    return -1;
  }

  static boolean isDotString(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp != '.' && !Characters.isAtext(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  static boolean isQuotedString(String s) {
    if (s.length() < 2 || s.charAt(s.length() - 1) != '"') {
      return false;
    }
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length() - 1 || s.charAt(i + 1) < 32 || s.charAt(i + 1) == 127) {
          return false;
        }
        i++;
      } else if (c == '"' || (c < 32) || c == 127) {
        return false;
      }
    }
    return true;
  }

  /** RFC 5321 Domain; U-labels allowed when {@code utf8} (checked earlier against SMTPUTF8). */
  public static boolean isDomain(String d, boolean utf8) {
    if (d.isEmpty() || d.length() > MAX_DOMAIN) {
      return false;
    }
    String[] labels = d.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); ) {
        int cp = label.codePointAt(i);
        boolean ok = (cp < 0x80 && (Character.isLetterOrDigit(cp) || cp == '-'))
            || (utf8 && cp >= 0x80 && Character.isLetterOrDigit(cp));
        if (!ok) {
          return false;
        }
        i += Character.charCount(cp);
      }
    }
    return true;
  }

  /** "[1.2.3.4]", "[IPv6:...]" or a General-address-literal "[tag:content]". */
  public static boolean isAddressLiteral(String d) {
    if (d.length() < 3 || d.charAt(0) != '[' || d.charAt(d.length() - 1) != ']') {
      return false;
    }
    String inner = d.substring(1, d.length() - 1);
    if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
      String v6 = inner.substring(5);
      return !v6.isEmpty() && v6.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
          && v6.contains(":");
    }
    String[] parts = inner.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
