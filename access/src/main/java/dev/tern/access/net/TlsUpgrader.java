package dev.tern.access.net;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** Turns a plaintext connection into TLS after STARTTLS or STLS; {@code readyReply} goes out in plaintext first. */
public interface TlsUpgrader {

  /** Completes on the socket's context once the handshake is done. */
  Future<Void> upgrade(NetSocket socket, Buffer readyReply);
}
