package dev.tern.delivery;

/**
 * The spool cannot take this message now (disk nearly full, an earlier write failed, or it is closed).
 * The relay answers with a transient 4xx so the client tries again later.
 */
public class SpoolUnavailableException extends RuntimeException {

  public SpoolUnavailableException(String message) {
    super(message);
  }

  public SpoolUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
