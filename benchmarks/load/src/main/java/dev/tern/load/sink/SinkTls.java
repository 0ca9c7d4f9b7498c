package dev.tern.load.sink;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;

import java.nio.file.Path;

/**
 * STARTTLS for the sink: a Netty SslHandler in "startTls" mode (its first write, the 220 that invites the
 * handshake, still goes out in plaintext) put at the head of the connection's pipeline.
 *
 * <p>Why not {@code NetSocket.upgradeToSsl}: the sink listens with one server per event loop on a shared port, and in
 * Vert.x 5.0.7 only the server that bound the port has the SSL context that call needs.
 */
final class SinkTls {

  private static final String[] PROTOCOLS = {"TLSv1.2", "TLSv1.3"};

  private final SslContext context;
  private final SelfSignedCertificate selfSigned;

  private SinkTls(SslContext context, SelfSignedCertificate selfSigned) {
    this.context = context;
    this.selfSigned = selfSigned;
  }

  /**
   * Loads the PEM certificate and key, or makes a self-signed certificate for {@code hostname} when both are null.
   * Blocking (reads files, generates a key): call it off the event loop.
   */
  static SinkTls load(Vertx vertx, Path certificate, Path privateKey, String hostname) throws Exception {
    SelfSignedCertificate selfSigned = null;
    PemKeyCertOptions pem;
    if (certificate == null) {
      selfSigned = SelfSignedCertificate.create(hostname);
      pem = selfSigned.keyCertOptions();
    } else {
      pem = new PemKeyCertOptions().setCertPath(certificate.toString()).setKeyPath(privateKey.toString());
    }
    try {
      SslContext context = SslContextBuilder.forServer(pem.getKeyManagerFactory(vertx))
          .sslProvider(SslProvider.JDK)
          .protocols(PROTOCOLS)
          .build();
      return new SinkTls(context, selfSigned);
    } catch (Exception | Error e) {
      if (selfSigned != null) {
        selfSigned.delete();
      }
      throw e;
    }
  }

  /**
   * Puts TLS under the connection and writes {@code readyReply} (the pending replies ending with 220) in plaintext.
   * Must run on the connection's event loop. The returned Netty future completes on that loop when the handshake
   * is done or failed; anything the client sent in plaintext after STARTTLS never reaches the session, since every
   * byte read from now on goes through the handshake first.
   */
  Future<Channel> startTls(NetSocket socket, Buffer readyReply) {
    ChannelHandlerContext channel = ((NetSocketInternal) socket).channelHandlerContext();
    SslHandler ssl = new SslHandler(context.newEngine(channel.alloc()), true);
    channel.pipeline().addFirst("ssl", ssl);
    socket.write(readyReply);
    return ssl.handshakeFuture();
  }

  /** Deletes the self-signed certificate's temporary files, if one was made. Blocking. */
  void close() {
    if (selfSigned != null) {
      selfSigned.delete();
    }
  }
}
