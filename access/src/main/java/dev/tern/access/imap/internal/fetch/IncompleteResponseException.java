package dev.tern.access.imap.internal.fetch;

/**
 * A FETCH response was cut off after part of it (a literal's announced length, at worst) had been written: the
 * client can no longer tell where the next response starts, so the session must close the connection. Any
 * other failure of a FETCH leaves the output at a response boundary.
 */
public final class IncompleteResponseException extends RuntimeException {

  public IncompleteResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
