package dev.tern.load.mailbox;

import java.util.Objects;

/** A user name and password for LOGIN, USER/PASS or SASL PLAIN. {@link #toString} never shows the password. */
public record Credentials(String user, String password) {

  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("empty user name");
    }
    if (hasLineBreakOrNul(user) || hasLineBreakOrNul(password)) {
      throw new IllegalArgumentException("a user name or password cannot hold CR, LF or NUL");
    }
  }

  /** {@code user:password}, split at the first colon (a password may hold colons, a user name may not). */
  public static Credentials parse(String userColonPassword) {
    int colon = userColonPassword.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected user:password");
    }
    return new Credentials(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
  }

  private static boolean hasLineBreakOrNul(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
  }

  @Override
  public String toString() {
    return user + ":***";
  }
}
