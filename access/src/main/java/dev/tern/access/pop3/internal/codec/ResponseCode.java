package dev.tern.access.pop3.internal.codec;

/** Extended response codes (RFC 2449 section 8, RFC 3206) that go in brackets after +OK/-ERR. */
public enum ResponseCode {
  /** The maildrop is locked by another session. */
  IN_USE("IN-USE"),
  /** The user is allowed in but must wait before logging in again. */
  LOGIN_DELAY("LOGIN-DELAY"),
  /** A temporary system problem: the same credentials may work later. */
  SYS_TEMP("SYS/TEMP"),
  /** A permanent system problem the user cannot fix by retrying. */
  SYS_PERM("SYS/PERM"),
  /** The credentials are wrong: retrying with the same ones will not help. */
  AUTH("AUTH");

  private final String wire;

  ResponseCode(String wire) {
    this.wire = wire;
  }

  /** The code as sent, e.g. "SYS/TEMP". */
  public String wire() {
    return wire;
  }
}
