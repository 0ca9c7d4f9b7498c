package dev.tern.access.pop3.internal.transport;

import dev.tern.access.net.TlsSettings;
import dev.tern.access.pop3.Pop3ListenerOptions;
import dev.tern.access.pop3.internal.command.CommandTable;
import dev.tern.access.pop3.internal.session.Pop3Dispatcher;
import dev.tern.access.pop3.internal.session.Pop3Services;
import dev.tern.access.pop3.internal.session.Pop3Session;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** One event loop's share of a POP3 listener on one address: accepts connections and starts sessions. */
public final class Pop3ListenerVerticle extends VerticleBase {

  private final Pop3Services services;
  private final Pop3ListenerOptions listener;
  private final String host;
  private final int port;
  private final IntConsumer boundPort;
  private final Supplier<Duration> grace;
  private NetServer server;

  public Pop3ListenerVerticle(Pop3Services services, Pop3ListenerOptions listener, String host, int port,
      IntConsumer boundPort, Supplier<Duration> grace) {
    this.services = services;
    this.listener = listener;
    this.host = host;
    this.port = port;
    this.boundPort = boundPort;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    Pop3Dispatcher dispatcher = CommandTable.create();
    server = vertx.createNetServer(TlsSettings.serverOptions(services.options().keyCert(), listener.implicitTls()));
    server.connectHandler(socket -> new Pop3Session(socket, services, dispatcher).start());
    return server.listen(port, host).onSuccess(s -> boundPort.accept(s.actualPort()));
  }

  /** Stops accepting; sessions are told (see Pop3Session's shutdown handling) and closed after the grace. */
  @Override
  public Future<?> stop() {
    return server.shutdown(Math.max(1, grace.get().toMillis()), TimeUnit.MILLISECONDS);
  }
}
