package dev.tern.load.pop3;

import dev.tern.load.engine.Outcome;

import java.util.Locale;
import java.util.Set;

/**
 * A POP3 status line: +OK or -ERR, and the text after it. RFC 2449 response codes in brackets ({@code -ERR [IN-USE]})
 * tell a refusal for now from a refusal for good.
 */
record Pop3Reply(boolean ok, String text) {

  /** RFC 2449 / RFC 3206 codes after which trying again later is expected to work. */
  private static final Set<String> TEMPORARY_CODES = Set.of("IN-USE", "SYS/TEMP", "LOGIN-DELAY");

  /** Parses a status line, or returns null when the line is neither +OK nor -ERR. */
  static Pop3Reply parse(String line) {
    if (line.equals("+OK") || line.startsWith("+OK ")) {
      return new Pop3Reply(true, line.length() > 3 ? line.substring(4) : "");
    }
    if (line.equals("-ERR") || line.startsWith("-ERR ")) {
      return new Pop3Reply(false, line.length() > 4 ? line.substring(5) : "");
    }
    return null;
  }

  /** The bracketed response code, upper-cased: "IN-USE", "SYS/TEMP", "AUTH"; "" when there is none. */
  String code() {
    if (!text.startsWith("[")) {
      return "";
    }
    int close = text.indexOf(']');
    return close < 0 ? "" : text.substring(1, close).toUpperCase(Locale.ROOT);
  }

  Outcome outcome() {
    if (ok) {
      return Outcome.OK;
    }
    return TEMPORARY_CODES.contains(code()) ? Outcome.TEMPORARY : Outcome.PERMANENT;
  }

  @Override
  public String toString() {
    return (ok ? "+OK" : "-ERR") + (text.isEmpty() ? "" : " " + text);
  }
}
