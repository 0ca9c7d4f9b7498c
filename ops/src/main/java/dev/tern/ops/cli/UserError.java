package dev.tern.ops.cli;

/** Something the user can fix; printed as one line, exit code 1. */
public final class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
