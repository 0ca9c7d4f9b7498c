package dev.tern.access.imap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A literal-aware line client for IMAP protocol tests: sends commands with generated tags and collects the
 * response lines up to the tagged one. A server literal {@code {n}} is read as n octets and kept in the line
 * (so one logical response stays one string).
 */
public final class ImapClient implements AutoCloseable {

  private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int tags;

  public ImapClient(String host, int port) throws IOException {
    this(new Socket(host, port));
  }

  public ImapClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  public String greeting() throws IOException {
    String line = line();
    assertTrue(line.startsWith("* OK"), "greeting: " + line);
    return line;
  }

  /** Writes raw text (CRLF not added). */
  public ImapClient raw(String text) throws IOException {
    return raw(text.getBytes(StandardCharsets.UTF_8));
  }

  public ImapClient raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Sends {@code tag command} and returns the tag. */
  public String send(String command) throws IOException {
    String tag = "t" + (++tags);
    raw(tag + " " + command + "\r\n");
    return tag;
  }

  /** Sends a command and returns every response line, the tagged one last. */
  public List<String> command(String command) throws IOException {
    return until(send(command));
  }

  /** Response lines up to and including the one tagged {@code tag}. */
  public List<String> until(String tag) throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = line();
      lines.add(line);
      if (line.startsWith(tag + " ")) {
        return lines;
      }
    }
  }

  /** Sends a command, asserts a tagged OK and returns all lines. */
  public List<String> ok(String command) throws IOException {
    List<String> lines = command(command);
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("t\\d+ OK.*"), command + " -> " + lines);
    return lines;
  }

  /** Sends a command, asserts a tagged NO and returns the tagged line. */
  public String no(String command) throws IOException {
    List<String> lines = command(command);
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("t\\d+ NO.*"), command + " -> " + lines);
    return last;
  }

  /** Sends a command, asserts a tagged BAD and returns the tagged line. */
  public String bad(String command) throws IOException {
    List<String> lines = command(command);
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("t\\d+ BAD.*"), command + " -> " + lines);
    return last;
  }

  /** One response line without CRLF; literals inside it are read and included. */
  public String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    while (true) {
      String part = rawLine();
      if (part == null) {
        throw new IOException("connection closed by server");
      }
      buffer.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
      Matcher literal = LITERAL.matcher(part);
      if (!literal.find()) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(in.readNBytes(Integer.parseInt(literal.group(1))));
    }
  }

  private String rawLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }

  /** True when the server closed the connection (after reading whatever it still sent). */
  public boolean closedByServer() throws IOException {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Wraps the connection in TLS (after STARTTLS was accepted). */
  public void upgrade(SSLContext context) throws IOException {
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
        socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.startHandshake();
    socket = tls;
    in = tls.getInputStream();
    out = tls.getOutputStream();
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
