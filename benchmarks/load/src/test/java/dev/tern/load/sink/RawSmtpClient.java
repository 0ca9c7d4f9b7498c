package dev.tern.load.sink;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * A byte-exact SMTP client for the conversations no library would have: bare LFs, oversized lines, pipelined
 * plaintext after STARTTLS, BDAT chunks that look like commands. Reads block at most 10 s (a guard against a hung
 * test, not a timing assertion).
 */
final class RawSmtpClient implements AutoCloseable {

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private RawSmtpClient(Socket socket) throws IOException {
    use(socket);
  }

  static RawSmtpClient connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    return new RawSmtpClient(socket);
  }

  private void use(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Sends the text as it is, in one write. */
  void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends one command line with CRLF and returns the reply. */
  String command(String line) throws IOException {
    send(line + "\r\n");
    return reply();
  }

  /** One reply, every line of it, joined with "\n" and without CRLFs; null when the server closed instead. */
  String reply() throws IOException {
    StringBuilder reply = new StringBuilder();
    while (true) {
      String line = line();
      if (line == null) {
        return reply.length() == 0 ? null : reply.toString();
      }
      if (reply.length() > 0) {
        reply.append('\n');
      }
      reply.append(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return reply.toString();
      }
    }
  }

  /** Whether the server closed the connection (the next read sees the end of the stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  /** Greeting, EHLO; returns the EHLO reply. */
  String hello() throws IOException {
    String greeting = reply();
    if (greeting == null || !greeting.startsWith("220 ")) {
      throw new IOException("no greeting: " + greeting);
    }
    return command("EHLO client.example.org");
  }

  /** Puts TLS over the connection (trusting any certificate) and completes the handshake. */
  void startTls() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    use(tls);
  }

  /** The certificate the server presented, once TLS is up. */
  java.security.cert.Certificate peerCertificate() throws IOException {
    return ((SSLSocket) socket).getSession().getPeerCertificates()[0];
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
