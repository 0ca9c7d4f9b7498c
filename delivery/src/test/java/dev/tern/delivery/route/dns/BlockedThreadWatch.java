package dev.tern.delivery.route.dns;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects Vert.x's blocked-thread warnings (logged through java.util.logging) while it is open, instead of
 * printing them: a test that expects none asserts on them, and the test that blocks on purpose stays quiet.
 */
final class BlockedThreadWatch implements AutoCloseable {

  private static final Logger CHECKER = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      warnings.add(String.valueOf(record.getMessage()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private final boolean useParentHandlers = CHECKER.getUseParentHandlers();

  BlockedThreadWatch() {
    CHECKER.addHandler(handler);
    CHECKER.setUseParentHandlers(false);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public void close() {
    CHECKER.removeHandler(handler);
    CHECKER.setUseParentHandlers(useParentHandlers);
  }
}
