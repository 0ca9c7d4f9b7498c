package dev.tern.relay.internal.transport;

import dev.tern.access.net.TlsSettings;
import dev.tern.relay.SmtpListenerOptions;
import dev.tern.relay.internal.command.CommandTable;
import dev.tern.relay.internal.session.CommandDispatcher;
import dev.tern.relay.internal.session.RelayServices;
import dev.tern.relay.internal.session.SmtpSession;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** One event loop's share of a listener on one address: accepts connections and starts sessions. */
public final class SmtpListenerVerticle extends VerticleBase {

  private final RelayServices services;
  private final SmtpListenerOptions listener;
  private final String host;
  private final int port;
  private final IntConsumer boundPort;
  private final Supplier<Duration> grace;
  private NetServer server;

  public SmtpListenerVerticle(RelayServices services, SmtpListenerOptions listener, String host, int port,
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
    CommandDispatcher dispatcher = CommandTable.create();
    boolean implicitTls = listener.role() == SmtpListenerOptions.Role.SUBMISSIONS;
    server = vertx.createNetServer(TlsSettings.serverOptions(services.options().keyCert(), implicitTls));
    server.connectHandler(socket -> new SmtpSession(socket, services, listener.role(), dispatcher).start());
    return server.listen(port, host).onSuccess(s -> boundPort.accept(s.actualPort()));
  }

  /** Stops accepting and lets sessions finish (see SmtpSession's shutdown handling) for up to the grace. */
  @Override
  public Future<?> stop() {
    return server.shutdown(Math.max(1, grace.get().toMillis()), TimeUnit.MILLISECONDS);
  }
}
