package dev.tern.ops.server;

import java.io.IOException;

/** Another tern process (or another server in this JVM) holds the data directory's lock. */
public final class DataDirectoryInUseException extends IOException {

  public DataDirectoryInUseException(String message) {
    super(message);
  }
}
