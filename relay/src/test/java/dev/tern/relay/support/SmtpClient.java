package dev.tern.relay.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A blocking send/expect SMTP client over a plain java Socket, for byte-exact protocol tests. */
public final class SmtpClient implements AutoCloseable {

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public SmtpClient(String host, int port) throws IOException {
    this(host, port, null);
  }

  /** @param localAddress the address to bind the client side to (e.g. 127.0.0.2), or null */
  public SmtpClient(String host, int port, String localAddress) throws IOException {
    socket = new Socket();
    if (localAddress != null) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    }
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Wraps an existing TLS socket (implicit TLS). */
  public SmtpClient(SSLSocket tls) throws IOException {
    socket = tls;
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public SmtpClient send(String line) throws IOException {
    return raw(line + "\r\n");
  }

  public SmtpClient raw(String text) throws IOException {
    return raw(text.getBytes(StandardCharsets.UTF_8));
  }

  public SmtpClient raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one complete (possibly multi-line) reply; fails the test on EOF. */
  public String reply() throws IOException {
    StringBuilder all = new StringBuilder();
    while (true) {
      String line = line();
      if (line == null) {
        fail("connection closed while waiting for a reply; got so far: " + all);
      }
      all.append(line).append('\n');
      if (line.length() < 4 || line.charAt(3) == ' ') {
        return all.toString();
      }
    }
  }

  /** Reads a reply and asserts its code. Returns the reply text. */
  public String expect(int code) throws IOException {
    String reply = reply();
    assertTrue(reply.startsWith(String.valueOf(code)), "expected " + code + " but got: " + reply);
    return reply;
  }

  /** Reads a reply, asserts its code and that it contains {@code text}. */
  public String expect(int code, String text) throws IOException {
    String reply = expect(code);
    assertTrue(reply.contains(text), "expected '" + text + "' in: " + reply);
    return reply;
  }

  /** True when the server closed the connection (EOF before any byte). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** EHLO and read the capability list. */
  public String ehlo(String name) throws IOException {
    send("EHLO " + name);
    return expect(250);
  }

  /** STARTTLS then the TLS handshake over the same TCP connection. */
  public void startTls(SSLContext context) throws IOException {
    send("STARTTLS");
    expect(220);
    upgrade(context);
  }

  /** Starts a client handshake on the current socket, without sending anything first. */
  public void upgrade(SSLContext context) throws IOException {
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    socket = tls;
    in = tls.getInputStream();
    out = tls.getOutputStream();
  }

  public Socket socket() {
    return socket;
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b == -1) {
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = buf.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      buf.write(b);
      previous = b;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
