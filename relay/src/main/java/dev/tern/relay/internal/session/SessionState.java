package dev.tern.relay.internal.session;

/** Where a session is in the SMTP dialogue. */
public enum SessionState {
  /** Greeted by us, no EHLO/HELO yet (also right after STARTTLS). */
  CONNECTED,
  /** EHLO/HELO done, no transaction. */
  GREETED,
  /** MAIL accepted, no recipient yet. */
  MAIL,
  /** At least one recipient accepted. */
  RCPT,
  /** Reading a DATA body. */
  DATA,
  /** Reading a BDAT chunk. */
  BDAT_BODY,
  /** Between BDAT chunks (the last one not seen yet). */
  BDAT;

  /** True while a message body is being received; shutdown lets these finish. */
  public boolean inBody() {
    return this == DATA || this == BDAT_BODY || this == BDAT;
  }
}
