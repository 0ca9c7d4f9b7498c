package dev.tern.access.pop3.internal.codec;

/** Why a command line or SASL response line was refused; the session maps each to a -ERR reply. */
public enum Pop3SyntaxError {
  /** Longer than the limit including CRLF (RFC 2449 section 4: 255 octets for commands). */
  LINE_TOO_LONG,
  /** CR, LF, NUL, TAB or another control character inside the line. */
  CONTROL_CHARACTER,
  /** Not valid UTF-8. */
  MALFORMED_TEXT,
  /** Nothing but spaces, or nothing at all. */
  EMPTY_LINE,
  UNKNOWN_COMMAND,
  MISSING_ARGUMENT,
  TOO_MANY_ARGUMENTS,
  /** Not a plain decimal number in range (no sign, no zero message number, no overflow). */
  BAD_NUMBER,
  /** An argument with the wrong shape: double spaces, an APOP digest that is not hex, ... */
  BAD_ARGUMENT
}
