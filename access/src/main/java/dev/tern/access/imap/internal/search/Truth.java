package dev.tern.access.imap.internal.search;

/**
 * Three-valued logic for evaluating a search on what is known so far: a key on the message's content is
 * UNKNOWN until the message has been read, yet {@code FLAGGED BODY x} is already NO for an unflagged message,
 * so that message is never opened.
 */
enum Truth {
  YES, NO, UNKNOWN;

  static Truth of(boolean value) {
    return value ? YES : NO;
  }

  Truth not() {
    return switch (this) {
      case YES -> NO;
      case NO -> YES;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
