package dev.tern.load.imap;

import java.util.Locale;

/**
 * One server response as the reader assembled it: the tag ({@code *} untagged, {@code +} continuation request, else
 * the tag of the command it completes) and the rest of its text. Literals are counted, not kept: the text holds
 * each literal's {@code {n}} marker where it stood, and {@link #literalOctets} the octets that followed.
 */
record ImapResponse(String tag, String text, long literalOctets) {

  static final String UNTAGGED = "*";
  static final String CONTINUATION = "+";

  /** Splits a response's first line at the tag. */
  static ImapResponse of(String line, long literalOctets) {
    int space = line.indexOf(' ');
    return space < 0 ? new ImapResponse(line, "", literalOctets)
        : new ImapResponse(line.substring(0, space), line.substring(space + 1), literalOctets);
  }

  boolean untagged() {
    return UNTAGGED.equals(tag);
  }

  boolean continuation() {
    return CONTINUATION.equals(tag);
  }

  /** The first word, upper-cased: OK, NO, BAD, BYE, PREAUTH, CAPABILITY, FLAGS, or the number of "* 3 EXISTS". */
  String keyword() {
    return word(0);
  }

  /** For a numbered untagged response ("* 3 EXISTS", "* 3 FETCH (...)"): its word; otherwise "". */
  String numberedKeyword() {
    return number() < 0 ? "" : word(1);
  }

  /** The number of a numbered untagged response, -1 when the response is not one. */
  long number() {
    String first = word(0);
    if (first.isEmpty() || first.length() > 10 || !first.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(first);
  }

  /**
   * The response code of a status response ({@code OK [UNAVAILABLE] text}): what stands inside the brackets,
   * e.g. "UNAVAILABLE" or "CAPABILITY IMAP4rev1 STARTTLS"; "" when there is none.
   */
  String code() {
    int afterStatus = text.indexOf(' ');
    if (afterStatus < 0 || afterStatus + 1 >= text.length() || text.charAt(afterStatus + 1) != '[') {
      return "";
    }
    int close = text.indexOf(']', afterStatus);
    return close < 0 ? "" : text.substring(afterStatus + 2, close);
  }

  /** The first word of the response code, upper-cased: "UNAVAILABLE", "CAPABILITY"; "" when there is none. */
  String codeName() {
    String code = code();
    int space = code.indexOf(' ');
    return (space < 0 ? code : code.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  private String word(int index) {
    String[] words = text.split(" ", index + 2);
    return words.length > index ? words[index].toUpperCase(Locale.ROOT) : "";
  }

  /** The response as it would appear on the wire (without literal contents), for diagnostics. */
  @Override
  public String toString() {
    return text.isEmpty() ? tag : tag + " " + text;
  }
}
