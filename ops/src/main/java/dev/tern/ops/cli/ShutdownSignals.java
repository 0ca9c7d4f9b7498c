package dev.tern.ops.cli;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT start a graceful stop. A JVM shutdown hook would run too, but the process would
 * then exit 143/130 whatever happened; handling the signals lets `tern serve` exit 0 after a clean stop.
 */
final class ShutdownSignals {

  private static final System.Logger LOG = System.getLogger(ShutdownSignals.class.getName());

  private ShutdownSignals() {}

  static void install(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (stopping.compareAndSet(false, true)) {
          LOG.log(System.Logger.Level.INFO, "SIG" + signal.getName() + " received, stopping");
          stop.run();
        } else {
          LOG.log(System.Logger.Level.INFO, "SIG" + signal.getName() + " received, already stopping");
        }
      });
    }
  }
}
