package dev.tern.load.sink;

/** Where an injected failure is answered. */
public enum FailurePoint {
  /** The first RCPT of the transaction gets the failure (and so does every later RCPT of it). */
  RCPT,
  /** The end of the message data (DATA's final dot, BDAT LAST) gets the failure. */
  DATA
}
