package dev.tern.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately plain, blocking SMTP client for load generation: one socket, one command at a time, each reply
 * read before the next command is sent (no pipelining), like Postfix's smtp-source. It is not thread-safe: one
 * instance per JMH thread. The message bytes are sent as given, so they must not contain a line starting with '.'.
 */
public final class LockstepSmtpClient implements Closeable {

  private static final int MAX_REPLY_LINE = 4096;
  private static final int MAX_REPLY_LINES = 100;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private LockstepSmtpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
  }

  /** Connects, reads the 220 greeting and introduces itself with EHLO. */
  public static LockstepSmtpClient connect(String host, int port, String heloName, Duration timeout)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
      LockstepSmtpClient client = new LockstepSmtpClient(socket);
      client.expect(client.readReply(), 220, "greeting");
      client.command("EHLO " + heloName, 250);
      return client;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** One whole transaction: MAIL, RCPT, DATA, the message, the final dot. Returns the server's 250 reply. */
  public SmtpReply send(String sender, String recipient, byte[] message) throws IOException {
    if (message.length < 2 || message[message.length - 2] != '\r' || message[message.length - 1] != '\n') {
      throw new IllegalArgumentException("the message must end with CRLF");
    }
    command("MAIL FROM:<" + sender + ">", 250);
    command("RCPT TO:<" + recipient + ">", 250);
    command("DATA", 354);
    out.write(message);
    out.write(new byte[] {'.', '\r', '\n'});
    out.flush();
    return expect(readReply(), 250, "end of data");
  }

  /** Says goodbye politely and closes the socket, whatever the server answers. */
  public void quit() throws IOException {
    try {
      command("QUIT", 221);
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private SmtpReply command(String line, int expectedCode) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return expect(readReply(), expectedCode, verbOf(line));
  }

  private static String verbOf(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }

  private static SmtpReply expect(SmtpReply reply, int expectedCode, String step) throws SmtpReplyException {
    if (reply.code() != expectedCode) {
      throw new SmtpReplyException("expected " + expectedCode + " after " + step + ", got: " + reply, reply.code());
    }
    return reply;
  }

  /** Reads one (possibly multi-line) reply: "ddd-text" lines followed by one "ddd text" (or bare "ddd") line. */
  SmtpReply readReply() throws IOException {
    List<String> lines = new ArrayList<>();
    int code = -1;
    while (true) {
      String line = readLine();
      if (line.length() < 3 || !allDigits(line.substring(0, 3))
          || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
        throw new SmtpReplyException("not an SMTP reply line: " + abbreviate(line), -1);
      }
      int lineCode = Integer.parseInt(line.substring(0, 3));
      if (code != -1 && lineCode != code) {
        throw new SmtpReplyException("reply code changed from " + code + " to " + lineCode + " within one reply", -1);
      }
      code = lineCode;
      lines.add(line.length() > 4 ? line.substring(4) : "");
      boolean last = line.length() == 3 || line.charAt(3) == ' ';
      if (last) {
        return new SmtpReply(code, lines);
      }
      if (lines.size() >= MAX_REPLY_LINES) {
        throw new SmtpReplyException("reply longer than " + MAX_REPLY_LINES + " lines", code);
      }
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server" + (line.size() > 0 ? " mid-line" : ""));
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      if (line.size() >= MAX_REPLY_LINE) {
        throw new SmtpReplyException("reply line longer than " + MAX_REPLY_LINE + " bytes", -1);
      }
      line.write(b);
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? "'" + line + "'" : "'" + line.substring(0, 80) + "...'";
  }
}
