package dev.tern.ops.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * java.util.logging for the `tern` process: one line per event on stderr, written by a background thread so
 * that no event loop waits on the terminal or a log file. Vert.x and Netty are kept at
 * WARNING because their INFO chatter says nothing an operator acts on. {@code TERN_LOG_LEVEL} (a JUL
 * level name such as FINE) changes Tern's own level.
 */
public final class LoggingSetup {

  // JUL holds loggers weakly; keeping references keeps their levels.
  private static final Logger[] QUIET = {Logger.getLogger("io.vertx"), Logger.getLogger("io.netty")};

  private LoggingSetup() {}

  public static void configure(String levelName) {
    Level level = parse(levelName);
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Handler handler = new BackgroundLogHandler(System.err, 65_536);
    handler.setFormatter(new OneLineFormatter());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(level);
    for (Logger noisy : QUIET) {
      noisy.setLevel(Level.WARNING);
    }
  }

  private static Level parse(String name) {
    if (name == null || name.isBlank()) {
      return Level.INFO;
    }
    try {
      return Level.parse(name.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }
}
