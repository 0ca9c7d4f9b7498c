package dev.tern.access.mailbox;

/** How a flag update combines with the flags a message has: IMAP STORE FLAGS, +FLAGS and -FLAGS. */
public enum FlagMode {
  REPLACE, ADD, REMOVE
}
