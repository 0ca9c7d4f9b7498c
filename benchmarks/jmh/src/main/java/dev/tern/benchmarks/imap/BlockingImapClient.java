package dev.tern.benchmarks.imap;

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
import java.util.Arrays;
import java.util.List;

/**
 * A plain blocking IMAP client for load generation: one socket, one command at a time, every response read up
 * to the tagged one. Literal-aware (a line ending in {@code {n}} is followed by n octets that belong to the same
 * response), and frugal: FETCH responses are counted and their literals skipped rather than turned into strings,
 * so the client costs little next to the server it measures. Not thread-safe: one per JMH thread.
 */
public final class BlockingImapClient implements Closeable {

  private static final int MAX_LINE = 1024 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[8 * 1024];
  private int tags;

  private BlockingImapClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects and reads the greeting, which must be {@code * OK}. */
  public static BlockingImapClient connect(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
      BlockingImapClient client = new BlockingImapClient(socket);
      String greeting = client.text(client.readLine());
      if (!greeting.startsWith("* OK")) {
        throw new ImapReplyException("greeting: " + greeting);
      }
      return client;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends a command and returns the answer; fails unless it is a tagged OK. */
  public ImapReply ok(String command) throws IOException {
    return ok(command, false);
  }

  /** Like {@link #ok(String)}; {@code keepFetchLines} also keeps the FETCH responses' text. */
  public ImapReply ok(String command, boolean keepFetchLines) throws IOException {
    ImapReply reply = command(command, keepFetchLines);
    if (!reply.ok()) {
      throw new ImapReplyException(verbOf(command) + " -> " + reply.status() + " " + reply.taggedLine());
    }
    return reply;
  }

  /** Sends {@code <tag> command} and reads every response up to the tagged one, whatever its status. */
  public ImapReply command(String command, boolean keepFetchLines) throws IOException {
    String tag = "b" + ++tags;
    out.write((tag + " " + command).getBytes(StandardCharsets.UTF_8));
    out.write(CRLF);
    out.flush();
    byte[] tagPrefix = (tag + " ").getBytes(StandardCharsets.US_ASCII);
    List<String> kept = new ArrayList<>();
    int fetches = 0;
    long literalOctets = 0;
    while (true) {
      int length = readLine();
      if (startsWith(tagPrefix, length)) {
        String rest = text(length).substring(tagPrefix.length);
        int space = rest.indexOf(' ');
        String status = space < 0 ? rest : rest.substring(0, space);
        if (!(status.equals("OK") || status.equals("NO") || status.equals("BAD"))) {
          throw new ImapReplyException("not a tagged status: " + rest);
        }
        return new ImapReply(status, rest, fetches, literalOctets, kept);
      }
      if (length < 2 || line[0] != '*' || line[1] != ' ') {
        throw new ImapReplyException("unexpected line during " + verbOf(command) + ": " + abbreviate(text(length)));
      }
      boolean fetch = isFetch(length);
      StringBuilder text = fetch && !keepFetchLines ? null : new StringBuilder(text(length));
      for (long literal = literalAtEnd(length); literal >= 0; literal = literalAtEnd(length)) {
        skip(literal);
        literalOctets += literal;
        length = readLine();
        if (text != null) {
          text.append(text(length));
        }
      }
      if (fetch) {
        fetches++;
      }
      if (text != null) {
        kept.add(text.toString());
      }
    }
  }

  /** Logs out politely and closes, whatever the server answers. */
  public void logout() throws IOException {
    try {
      command("LOGOUT", false);
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Reads one line into {@link #line} without its CRLF; returns its length. */
  private int readLine() throws IOException {
    int length = 0;
    while (true) {
      if (position == limit) {
        fill();
      }
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      int take = end - position;
      if (length + take > MAX_LINE) {
        throw new ImapReplyException("response line longer than " + MAX_LINE + " octets");
      }
      if (length + take > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
      }
      System.arraycopy(buffer, position, line, length, take);
      length += take;
      position = end;
      if (end < limit) {
        position++;
        return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
      }
    }
  }

  private void skip(long octets) throws IOException {
    long left = octets;
    while (left > 0) {
      if (position == limit) {
        fill();
      }
      int take = (int) Math.min(left, limit - position);
      position += take;
      left -= take;
    }
  }

  private void fill() throws IOException {
    int n = in.read(buffer);
    if (n < 0) {
      throw new EOFException("connection closed by the server");
    }
    position = 0;
    limit = n;
  }

  /** {@code * <digits> FETCH } at the start of the line. */
  private boolean isFetch(int length) {
    int i = 2;
    while (i < length && line[i] >= '0' && line[i] <= '9') {
      i++;
    }
    return i > 2 && i + 6 <= length && line[i] == ' ' && line[i + 1] == 'F' && line[i + 2] == 'E'
        && line[i + 3] == 'T' && line[i + 4] == 'C' && line[i + 5] == 'H';
  }

  /** The n of a {@code {n}} ending the line, or -1. */
  private long literalAtEnd(int length) {
    if (length < 3 || line[length - 1] != '}') {
      return -1;
    }
    long value = 0;
    int i = length - 2;
    long scale = 1;
    for (; i >= 0 && line[i] >= '0' && line[i] <= '9' && length - 2 - i < 18; i--) {
      value += (line[i] - '0') * scale;
      scale *= 10;
    }
    return i >= 0 && i < length - 2 && line[i] == '{' ? value : -1;
  }

  private boolean startsWith(byte[] prefix, int length) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private String text(int length) {
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  private static String verbOf(String command) {
    String[] words = command.split(" ", 3);
    return words[0].equalsIgnoreCase("UID") && words.length > 1 ? "UID " + words[1] : words[0];
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
