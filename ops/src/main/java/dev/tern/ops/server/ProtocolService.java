package dev.tern.ops.server;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** What the composition root needs of a protocol server (SMTP, POP3, IMAP): start, ports, graceful stop. */
public interface ProtocolService {

  Future<Void> start();

  int actualPort(String listenerName);

  Future<Void> shutdown(Duration grace);

  /** A service made of the three operations of a server object. */
  static ProtocolService of(Supplier<Future<Void>> start, ToIntFunction<String> actualPort,
                            Function<Duration, Future<Void>> shutdown) {
    return new ProtocolService() {
      @Override
      public Future<Void> start() {
        return start.get();
      }

      @Override
      public int actualPort(String listenerName) {
        return actualPort.applyAsInt(listenerName);
      }

      @Override
      public Future<Void> shutdown(Duration grace) {
        return shutdown.apply(grace);
      }
    };
  }
}
