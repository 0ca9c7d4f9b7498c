package dev.tern.relay.internal.codec;

import java.util.Locale;

/**
 * One command line split into its verb (upper-cased) and the rest (may be empty, never null).
 *
 * @param verb     the command verb, e.g. "MAIL"
 * @param argument everything after the first space, untrimmed on the left only of the separator
 */
public record CommandLine(String verb, String argument) {

  /** Splits a line (without CRLF). The verb ends at the first space. */
  public static CommandLine parse(String line) {
    int space = line.indexOf(' ');
    String verb = space < 0 ? line : line.substring(0, space);
    String argument = space < 0 ? "" : line.substring(space + 1);
    return new CommandLine(verb.toUpperCase(Locale.ROOT), argument.strip());
  }

  /** True when the line holds a control character (CR, LF, NUL, ...) other than horizontal tab. */
  public static boolean hasControlCharacters(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
