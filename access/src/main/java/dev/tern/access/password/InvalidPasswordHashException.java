package dev.tern.access.password;

/** A stored password hash is not a PHC string this code can verify (corrupted or foreign). */
public final class InvalidPasswordHashException extends IllegalArgumentException {

  public InvalidPasswordHashException(String message) {
    super(message);
  }
}
