package dev.tern.access.pop3.internal.codec;

import java.util.Locale;
import java.util.Optional;

/** The POP3 command keywords this server understands. */
public enum Pop3Verb {
  USER, PASS, APOP, STAT, LIST, RETR, DELE, NOOP, RSET, QUIT, TOP, UIDL, CAPA, STLS, AUTH;

  /** Looks a keyword up case-insensitively (RFC 1939 section 3); empty when unknown. */
  public static Optional<Pop3Verb> lookup(String keyword) {
    // Bounded before valueOf so arbitrary client text never reaches the enum lookup unchecked.
    if (keyword.length() < 3 || keyword.length() > 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(keyword.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
