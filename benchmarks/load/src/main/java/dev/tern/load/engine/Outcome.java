package dev.tern.load.engine;

/**
 * The server's verdict on one operation, by reply class. SMTP maps 2xx/4xx/5xx here; IMAP maps OK, NO and BAD
 * (and a tagged NO that asks to try again, such as [UNAVAILABLE], to {@link #TEMPORARY}); POP3 maps +OK and -ERR
 * ([SYS/TEMP] and [IN-USE] to {@link #TEMPORARY}). A broken connection is not an outcome: the session's future fails.
 */
public enum Outcome {
  /** Accepted: SMTP 2xx, IMAP OK, POP3 +OK. */
  OK,
  /** Refused for now, worth retrying: SMTP 4xx. */
  TEMPORARY,
  /** Refused for good: SMTP 5xx, IMAP NO/BAD, POP3 -ERR. */
  PERMANENT
}
