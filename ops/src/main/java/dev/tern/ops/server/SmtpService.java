package dev.tern.ops.server;

import io.vertx.core.Future;

import java.time.Duration;

/** What the composition root needs of the SMTP server: start, ports, graceful stop. */
public interface SmtpService {

  Future<Void> start();

  int actualPort(String listenerName);

  Future<Void> shutdown(Duration grace);
}
