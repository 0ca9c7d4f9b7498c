package dev.tern.access.pop3.internal.session;

import java.util.Locale;

/** How a client logs in; named in log lines and as a metric tag. */
public enum LoginMethod {
  USER_PASS("USER/PASS"), APOP("APOP"), AUTH_PLAIN("AUTH PLAIN");

  private final String display;

  LoginMethod(String display) {
    this.display = display;
  }

  /** The low-cardinality tag value: user_pass, apop, auth_plain. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return display;
  }
}
