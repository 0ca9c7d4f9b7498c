package dev.tern.load.imap;

import dev.tern.load.engine.Outcome;

import java.util.Set;

/** What a tagged reply means for the load: OK, a refusal worth retrying, or a refusal for good. */
final class ImapReplies {

  /**
   * RFC 5530 codes that say "try again later": the resource is unavailable or in use. SERVERBUG is not among them:
   * it reports a defect, and retrying the same command is not expected to help.
   */
  private static final Set<String> TEMPORARY_CODES = Set.of("UNAVAILABLE", "INUSE");

  private ImapReplies() {}

  static Outcome outcome(ImapResponse tagged) {
    return switch (tagged.keyword()) {
      case "OK" -> Outcome.OK;
      case "NO" -> TEMPORARY_CODES.contains(tagged.codeName()) ? Outcome.TEMPORARY : Outcome.PERMANENT;
      default -> Outcome.PERMANENT;
    };
  }

  static boolean ok(ImapResponse tagged) {
    return tagged.keyword().equals("OK");
  }

  /** An IMAP quoted string; the caller has made sure the text holds no CR, LF or NUL. */
  static String quoted(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
