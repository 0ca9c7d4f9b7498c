package dev.tern.benchmarks;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Tern's per-message INFO lines out of measurements: in production they go to a log file, here they would
 * go through JMH's output pipe and be measured along with the server.
 */
public final class BenchmarkLogging {

  // A strong reference: java.util.logging forgets levels set on loggers nobody holds.
  private static final Logger TERN = Logger.getLogger("dev.tern");

  private BenchmarkLogging() {}

  public static void quiet() {
    TERN.setLevel(Level.WARNING);
  }
}
