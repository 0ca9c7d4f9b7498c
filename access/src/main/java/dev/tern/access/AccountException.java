package dev.tern.access;

import java.io.IOException;

/**
 * An account operation was refused: the message is written for the person at the command line
 * ("no such user: bob@example.com"), never contains a password, and is safe to print as is.
 */
public class AccountException extends IOException {

  public AccountException(String message) {
    super(message);
  }

  public AccountException(String message, Throwable cause) {
    super(message, cause);
  }
}
