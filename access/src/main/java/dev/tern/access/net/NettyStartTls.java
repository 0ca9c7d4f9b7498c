package dev.tern.access.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetSocket;

import javax.net.ssl.KeyManagerFactory;

/**
 * STARTTLS by putting a Netty SslHandler in "startTls" mode (its first write, the protocol's ready reply,
 * still goes out in plaintext) at the head of the connection's pipeline. Vert.x reports such a socket as TLS
 * ({@code isSsl()}, {@code sslSession()} look for the handler).
 *
 * <p>Why not {@code NetSocket.upgradeToSsl(Buffer)}: in Vert.x 5.0.7 only the verticle instance that
 * actually bound a shared port has an SSL context manager; sockets accepted by the other instances throw
 * a NullPointerException from upgradeToSsl. With one instance per event loop that would be most sockets.
 */
public final class NettyStartTls implements TlsUpgrader {

  private final SslContext sslContext;

  private NettyStartTls(SslContext sslContext) {
    this.sslContext = sslContext;
  }

  /** Loads the key material; blocking (reads files), so call it off the event loop. */
  public static NettyStartTls create(Vertx vertx, KeyCertOptions keyCert) throws Exception {
    KeyManagerFactory keys = keyCert.getKeyManagerFactory(vertx);
    SslContext context = SslContextBuilder.forServer(keys)
        .sslProvider(SslProvider.JDK)
        .protocols(TlsSettings.PROTOCOLS.toArray(new String[0]))
        .build();
    return new NettyStartTls(context);
  }

  @Override
  public Future<Void> upgrade(NetSocket socket, Buffer readyReply) {
    Context context = Vertx.currentContext();
    Promise<Void> handshake = Promise.promise();
    ChannelHandlerContext channel = ((NetSocketInternal) socket).channelHandlerContext();
    SslHandler ssl = new SslHandler(sslContext.newEngine(channel.alloc()), true);
    channel.pipeline().addFirst("ssl", ssl);
    socket.write(readyReply);
    ssl.handshakeFuture().addListener(done -> context.runOnContext(v -> {
      if (done.isSuccess()) {
        handshake.complete();
      } else {
        handshake.fail(done.cause());
      }
    }));
    return handshake.future();
  }
}
