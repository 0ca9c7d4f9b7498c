package dev.tern.load.mailbox;

import dev.tern.load.engine.Credentials;

/** Credentials travel inside protocol lines: CR, LF or NUL in them would end or corrupt the line. */
public final class CredentialsCheck {

  private CredentialsCheck() {}

  /** Throws IllegalArgumentException when the user name or password cannot go into a protocol line. */
  public static Credentials lineSafe(Credentials credentials) {
    if (unsafe(credentials.user()) || unsafe(credentials.password())) {
      throw new IllegalArgumentException("a user name or password cannot hold CR, LF or NUL");
    }
    return credentials;
  }

  private static boolean unsafe(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
  }
}
