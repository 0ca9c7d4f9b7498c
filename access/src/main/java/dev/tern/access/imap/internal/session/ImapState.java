package dev.tern.access.imap.internal.session;

/** RFC 3501 section 3: the states of a connection. */
public enum ImapState {
  NOT_AUTHENTICATED,
  AUTHENTICATED,
  SELECTED,
  LOGOUT
}
