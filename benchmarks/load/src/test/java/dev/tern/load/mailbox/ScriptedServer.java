package dev.tern.load.mailbox;

import dev.tern.load.engine.Target;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A mail server for client tests that answers from a script: on connect the script gets a {@link Peer} (to greet),
 * then every line the client sends. What the peer writes goes out in order, whole or in pieces (separate writes a few
 * milliseconds apart, so that the client reads them from separate TCP segments). Every received line is kept.
 */
public final class ScriptedServer implements AutoCloseable {

  public enum Tls { NONE, STARTTLS_CAPABLE, IMPLICIT }

  private final NetServer server;
  private final SelfSignedCertificate certificate;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Peer> peers = new CopyOnWriteArrayList<>();

  private ScriptedServer(NetServer server, SelfSignedCertificate certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  public static ScriptedServer start(Vertx vertx, Tls tls, Consumer<Peer> onConnect,
                                     BiConsumer<Peer, String> onLine) throws Exception {
    SelfSignedCertificate certificate = tls == Tls.NONE ? null : SelfSignedCertificate.create("localhost");
    NetServerOptions options = new NetServerOptions().setHost("127.0.0.1").setPort(0);
    if (certificate != null) {
      options.setKeyCertOptions(certificate.keyCertOptions()).setSsl(tls == Tls.IMPLICIT);
    }
    NetServer server = vertx.createNetServer(options);
    ScriptedServer scripted = new ScriptedServer(server, certificate);
    server.connectHandler(socket -> {
      Peer peer = scripted.new Peer(vertx, socket);
      scripted.peers.add(peer);
      socket.handler(RecordParser.newDelimited("\r\n", line -> {
        String text = line.toString(StandardCharsets.UTF_8);
        peer.linesOverTls |= socket.isSsl();
        scripted.received.add(text);
        onLine.accept(peer, text);
      }));
      onConnect.accept(peer);
    });
    server.listen().await(10, TimeUnit.SECONDS);
    return scripted;
  }

  public int port() {
    return server.actualPort();
  }

  public MailTarget target(TlsMode tls, long timeoutMillis) {
    return new MailTarget(new Target("127.0.0.1", port()), tls, java.time.Duration.ofMillis(timeoutMillis));
  }

  /** Every line clients sent, in arrival order. */
  public List<String> received() {
    return received;
  }

  public List<Peer> peers() {
    return peers;
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    if (certificate != null) {
      certificate.delete();
    }
  }

  /** One accepted connection; everything it is told to do happens in order, after what it was told before. */
  public final class Peer {

    private final Vertx vertx;
    private final NetSocket socket;
    private Future<Void> tail = Future.succeededFuture();
    private volatile boolean closedByClient;
    private volatile boolean linesOverTls;

    Peer(Vertx vertx, NetSocket socket) {
      this.vertx = vertx;
      this.socket = socket;
      socket.closeHandler(v -> closedByClient = true);
    }

    /** Writes text as it is (the caller adds CRLFs). */
    public Peer send(String text) {
      tail = tail.compose(v -> socket.write(text));
      return this;
    }

    /** Writes text in pieces of {@code size} characters, a few milliseconds apart. */
    public Peer sendInPieces(String text, int size) {
      for (int i = 0; i < text.length(); i += size) {
        String piece = text.substring(i, Math.min(text.length(), i + size));
        tail = tail.compose(v -> socket.write(piece)).compose(v -> pause(3));
      }
      return this;
    }

    /** Writes a line (CRLF added) in plaintext, then starts the server side of a TLS handshake. */
    public Peer sendThenStartTls(String line) {
      tail = tail.compose(v -> socket.upgradeToSsl(Buffer.buffer(line + "\r\n")));
      return this;
    }

    /** Waits before doing what it is told next. */
    public Peer after(long millis) {
      tail = tail.compose(v -> pause(millis));
      return this;
    }

    public Peer close() {
      tail = tail.compose(v -> socket.close());
      return this;
    }

    /** Whether any line from the client came over TLS. */
    public boolean tls() {
      return linesOverTls;
    }

    public boolean closed() {
      return closedByClient;
    }

    private Future<Void> pause(long millis) {
      Promise<Void> done = Promise.promise();
      vertx.setTimer(millis, id -> done.complete());
      return done.future();
    }
  }
}
