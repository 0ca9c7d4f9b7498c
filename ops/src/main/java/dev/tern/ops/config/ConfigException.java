package dev.tern.ops.config;

/** A config file that cannot be used; the message names the file or the full key path at fault. */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
