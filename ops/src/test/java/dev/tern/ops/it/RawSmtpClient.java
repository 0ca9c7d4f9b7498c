package dev.tern.ops.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately plain SMTP client for driving load and crashes: one blocking socket, one transaction after
 * another, returning the queue id from each 250. Used where a test needs the id the server acknowledged.
 */
final class RawSmtpClient implements AutoCloseable {

  private static final Pattern QUEUED = Pattern.compile("queued as (\\S+)");

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  RawSmtpClient(String host, int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(60_000);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    out = socket.getOutputStream();
    expect(reply(), "220");
    send("EHLO raw.test\r\n");
    expect(reply(), "250");
  }

  /** One transaction; returns the queue id of the 250 reply. The body is sent as given (already CRLF, dot-safe). */
  String send(String from, String to, String body) throws IOException {
    return send(from, java.util.List.of(to), body);
  }

  /** One transaction to several recipients, each of which must be accepted. */
  String send(String from, java.util.List<String> recipients, String body) throws IOException {
    send("MAIL FROM:<" + from + ">\r\n");
    expect(reply(), "250");
    for (String to : recipients) {
      send("RCPT TO:<" + to + ">\r\n");
      expect(reply(), "250");
    }
    send("DATA\r\n");
    expect(reply(), "354");
    send(body + ".\r\n");
    String last = reply();
    expect(last, "250");
    Matcher m = QUEUED.matcher(last);
    if (!m.find()) {
      throw new IOException("no queue id in " + last);
    }
    return m.group(1);
  }

  private void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads one (possibly multi-line) reply and returns its last line. */
  String reply() throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  private static void expect(String reply, String code) throws IOException {
    if (!reply.startsWith(code)) {
      throw new IOException("expected " + code + " but got: " + reply);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      send("QUIT\r\n");
    } catch (IOException ignored) {
      // the server may be gone; closing is all that is left
    }
    socket.close();
  }
}
