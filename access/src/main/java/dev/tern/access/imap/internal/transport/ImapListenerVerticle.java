package dev.tern.access.imap.internal.transport;

import dev.tern.access.imap.ImapListenerOptions;
import dev.tern.access.imap.internal.session.ImapDispatcher;
import dev.tern.access.imap.internal.session.ImapServices;
import dev.tern.access.imap.internal.session.ImapSession;
import dev.tern.access.net.TlsSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** One event loop's share of an IMAP listener on one address: accepts connections and starts sessions. */
public final class ImapListenerVerticle extends VerticleBase {

  private final ImapServices services;
  private final Function<ImapServices, ImapDispatcher> dispatchers;
  private final ImapListenerOptions listener;
  private final String host;
  private final int port;
  private final IntConsumer boundPort;
  private final Supplier<Duration> grace;
  private NetServer server;

  public ImapListenerVerticle(ImapServices services, Function<ImapServices, ImapDispatcher> dispatchers,
      ImapListenerOptions listener, String host, int port, IntConsumer boundPort, Supplier<Duration> grace) {
    this.services = services;
    this.dispatchers = dispatchers;
    this.listener = listener;
    this.host = host;
    this.port = port;
    this.boundPort = boundPort;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    ImapDispatcher dispatcher = dispatchers.apply(services);
    server = vertx.createNetServer(TlsSettings.serverOptions(services.options().keyCert(), listener.implicitTls()));
    server.connectHandler(socket -> new ImapSession(socket, services, dispatcher).start());
    return server.listen(port, host).onSuccess(s -> boundPort.accept(s.actualPort()));
  }

  /** Stops accepting; sessions get {@code * BYE} (see ImapSession's shutdown handling) and close after the grace. */
  @Override
  public Future<?> stop() {
    return server.shutdown(Math.max(1, grace.get().toMillis()), TimeUnit.MILLISECONDS);
  }
}
