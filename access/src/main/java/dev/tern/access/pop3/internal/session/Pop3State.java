package dev.tern.access.pop3.internal.session;

import dev.tern.access.pop3.internal.codec.Pop3Verb;

import java.util.EnumSet;
import java.util.Set;

/** The RFC 1939 session states and which commands each of them accepts. */
public enum Pop3State {
  /** Greeted, not logged in: identification, TLS and capability commands. */
  AUTHORIZATION(EnumSet.of(Pop3Verb.USER, Pop3Verb.PASS, Pop3Verb.APOP, Pop3Verb.AUTH, Pop3Verb.CAPA,
      Pop3Verb.STLS, Pop3Verb.QUIT)),
  /** Logged in with the maildrop locked and its snapshot taken. */
  TRANSACTION(EnumSet.of(Pop3Verb.STAT, Pop3Verb.LIST, Pop3Verb.RETR, Pop3Verb.DELE, Pop3Verb.NOOP,
      Pop3Verb.RSET, Pop3Verb.QUIT, Pop3Verb.TOP, Pop3Verb.UIDL, Pop3Verb.CAPA)),
  /** After QUIT in TRANSACTION: deletions are being applied, then the connection closes. */
  UPDATE(EnumSet.noneOf(Pop3Verb.class));

  private final Set<Pop3Verb> allowed;

  Pop3State(Set<Pop3Verb> allowed) {
    this.allowed = allowed;
  }

  public boolean allows(Pop3Verb verb) {
    return allowed.contains(verb);
  }
}
