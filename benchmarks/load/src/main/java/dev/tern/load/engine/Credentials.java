package dev.tern.load.engine;

/** A user name and password for AUTH/LOGIN; printing it never shows the password. */
public record Credentials(String user, String password) {

  public Credentials {
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("the user name is empty");
    }
    if (password == null) {
      throw new IllegalArgumentException("no password");
    }
  }

  /** "user:password"; the password may contain colons, the user may not. */
  public static Credentials parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("give credentials as user:password");
    }
    return new Credentials(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return user + ":***";
  }
}
