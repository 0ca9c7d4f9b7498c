package dev.tern.access.pop3.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A blocking line client over a plain java Socket, for byte-exact POP3 checks. */
public final class Pop3Client implements AutoCloseable {

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public Pop3Client(String host, int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(15_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Wraps a socket that is TLS from the start (implicit TLS). */
  public Pop3Client(SSLSocket tls) throws IOException {
    socket = tls;
    socket.setSoTimeout(15_000);
    in = new BufferedInputStream(tls.getInputStream());
    out = tls.getOutputStream();
  }

  public Pop3Client send(String line) throws IOException {
    return raw(line + "\r\n");
  }

  public Pop3Client raw(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  /** One line without its CRLF; fails the test when the server closed the connection first. */
  public String line() throws IOException {
    byte[] bytes = lineBytes();
    if (bytes == null) {
      fail("connection closed while waiting for a line");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Reads a status line and asserts it is +OK; returns the whole line. */
  public String ok() throws IOException {
    String line = line();
    assertTrue(line.startsWith("+OK"), "expected +OK but got: " + line);
    return line;
  }

  /** Reads a status line and asserts it is -ERR; returns the whole line. */
  public String err() throws IOException {
    String line = line();
    assertTrue(line.startsWith("-ERR"), "expected -ERR but got: " + line);
    return line;
  }

  /** Sends a command and expects +OK. */
  public String ok(String command) throws IOException {
    send(command);
    return ok();
  }

  /** Sends a command and expects -ERR. */
  public String err(String command) throws IOException {
    send(command);
    return err();
  }

  /** The lines of a multi-line body after its status line, up to the "." (dot-stuffing left in place). */
  public List<String> body() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = line(); !line.equals("."); line = line()) {
      lines.add(line);
    }
    return lines;
  }

  /** The raw bytes of a multi-line body after its status line, up to and including CRLF.CRLF. */
  public byte[] rawBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    // The terminator is ".\r\n" at the start of a line; the body itself starts at a line start.
    int matched = 2;
    byte[] terminator = {'\r', '\n', '.', '\r', '\n'};
    while (true) {
      int b = in.read();
      if (b == -1) {
        fail("connection closed inside a multi-line answer after " + body.size() + " bytes");
      }
      body.write(b);
      if (b == terminator[matched]) {
        matched++;
      } else {
        matched = b == '\r' ? 1 : 0;
      }
      if (matched == terminator.length) {
        return body.toByteArray();
      }
    }
  }

  /** Logs in with USER/PASS and expects success. */
  public String login(String user, String password) throws IOException {
    ok("USER " + user);
    return ok("PASS " + password);
  }

  /** True when the server closed the connection (end of stream) before sending anything more. */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Starts a TLS handshake on the current connection (after "+OK" to STLS). */
  public void upgrade(SSLContext context) throws IOException {
    SSLSocket tls = (SSLSocket) context.getSocketFactory()
        .createSocket(socket, "localhost", socket.getPort(), true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    socket = tls;
    in = new BufferedInputStream(tls.getInputStream());
    out = tls.getOutputStream();
  }

  /** True when nothing more is waiting to be read right now (used after the server was given time to answer). */
  public boolean nothingPending() throws IOException {
    return in.available() == 0;
  }

  public Socket socket() {
    return socket;
  }

  private byte[] lineBytes() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b == -1) {
        return buf.size() == 0 ? null : buf.toByteArray();
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = buf.toByteArray();
        byte[] line = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, line, 0, line.length);
        return line;
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
