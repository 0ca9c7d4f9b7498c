package dev.tern.delivery.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server for tests, on plain blocking sockets (one thread per connection, never a Vert.x thread), bound to
 * 127.0.0.1 or any 127.0.0.x with an ephemeral port. It records what it received and answers what the test
 * scripts: greeting, extensions (PIPELINING, 8BITMIME, SMTPUTF8, SIZE n, CHUNKING, DSN, STARTTLS, AUTH), replies
 * per recipient, to DATA and at end of data (a sequence, then a default), dropping the connection during DATA,
 * slow replies, multi-line replies split across packets, raw bytes instead of the EHLO reply, and bytes injected
 * after "220" to STARTTLS. Script settings may be changed between connections.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  /** One message the server accepted at end of data (or would have: the end-of-data reply is recorded too). */
  public record Received(String mailFrom, String mailCommand, List<String> recipients, byte[] body, boolean bdat,
                         boolean tls, String authUser, String endOfDataReply) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Every command line of one connection, in order (AUTH credentials included: test data only). */
  public record Session(int number, List<String> commands) {}

  private final ServerSocket serverSocket;
  private final Thread acceptor;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  private volatile String greeting = "220 scripted.test ESMTP";
  private volatile boolean ehlo = true;
  private volatile boolean pipelining = true;
  private volatile boolean eightBitMime = true;
  private volatile boolean smtpUtf8 = true;
  private volatile long size = -1;
  private volatile boolean chunking;
  private volatile boolean dsn;
  private volatile SSLContext tls;
  private volatile String injectAfterStartTls;
  private volatile String authUser;
  private volatile String authPassword;
  private volatile String mailReply = "250 2.1.0 Ok";
  private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
  private volatile String dataReply = "354 End data with <CR><LF>.<CR><LF>";
  private final Queue<String> endOfDataReplies = new ConcurrentLinkedQueue<>();
  private volatile String endOfDataReply = "250 2.0.0 Ok: queued";
  private volatile boolean dropDuringData;
  private volatile Duration replyDelay = Duration.ZERO;
  private volatile boolean splitReplies;
  private volatile String rawEhloReply;
  private volatile boolean closeAfterRawEhloReply;

  private ScriptedSmtpServer(ServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-accept-" + serverSocket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts on 127.0.0.1 with an ephemeral port. */
  public static ScriptedSmtpServer start() throws IOException {
    return start("127.0.0.1", 0);
  }

  /** Starts on the given loopback address (127.0.0.x) and port (0 = ephemeral). */
  public static ScriptedSmtpServer start(String address, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 50);
    return new ScriptedSmtpServer(socket);
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  public InetAddress address() {
    return serverSocket.getInetAddress();
  }

  // ---- script ----

  public ScriptedSmtpServer greeting(String reply) {
    this.greeting = reply;
    return this;
  }

  /** false: EHLO gets "502", so the client must fall back to HELO. */
  public ScriptedSmtpServer ehlo(boolean supported) {
    this.ehlo = supported;
    return this;
  }

  public ScriptedSmtpServer pipelining(boolean on) {
    this.pipelining = on;
    return this;
  }

  public ScriptedSmtpServer eightBitMime(boolean on) {
    this.eightBitMime = on;
    return this;
  }

  public ScriptedSmtpServer smtpUtf8(boolean on) {
    this.smtpUtf8 = on;
    return this;
  }

  /** Announce "SIZE n" (n = 0 announces a SIZE without limit); negative = no SIZE. */
  public ScriptedSmtpServer size(long limit) {
    this.size = limit;
    return this;
  }

  public ScriptedSmtpServer chunking(boolean on) {
    this.chunking = on;
    return this;
  }

  public ScriptedSmtpServer dsn(boolean on) {
    this.dsn = on;
    return this;
  }

  /** Offer STARTTLS with this certificate; null = no STARTTLS. */
  public ScriptedSmtpServer startTls(TestCertificate certificate) throws Exception {
    this.tls = certificate == null ? null : certificate.serverContext();
    return this;
  }

  /** Send these bytes right after "220" to STARTTLS, in the same packet, before the handshake. */
  public ScriptedSmtpServer injectAfterStartTls(String raw) {
    this.injectAfterStartTls = raw;
    return this;
  }

  /** Offer AUTH PLAIN LOGIN accepting exactly these credentials. */
  public ScriptedSmtpServer auth(String user, String password) {
    this.authUser = user;
    this.authPassword = password;
    return this;
  }

  public ScriptedSmtpServer mailReply(String reply) {
    this.mailReply = reply;
    return this;
  }

  /** The reply to "RCPT TO:&lt;address&gt;" (others get 250). */
  public ScriptedSmtpServer rcptReply(String address, String reply) {
    rcptReplies.put(address.toLowerCase(Locale.ROOT), reply);
    return this;
  }

  public ScriptedSmtpServer dataReply(String reply) {
    this.dataReply = reply;
    return this;
  }

  /** Replies for the next messages' end of data, used once each, before the default. */
  public ScriptedSmtpServer endOfDataReplies(String... replies) {
    Collections.addAll(endOfDataReplies, replies);
    return this;
  }

  public ScriptedSmtpServer endOfDataReply(String reply) {
    this.endOfDataReply = reply;
    return this;
  }

  /** Close the connection after the first body line arrives. */
  public ScriptedSmtpServer dropDuringData(boolean on) {
    this.dropDuringData = on;
    return this;
  }

  /** Wait this long before each reply. */
  public ScriptedSmtpServer replyDelay(Duration delay) {
    this.replyDelay = delay;
    return this;
  }

  /** Write every reply in 3-byte pieces, flushed separately. */
  public ScriptedSmtpServer splitReplies(boolean on) {
    this.splitReplies = on;
    return this;
  }

  /** Send these raw bytes as the EHLO reply, and optionally close right after. */
  public ScriptedSmtpServer rawEhloReply(String raw, boolean closeAfter) {
    this.rawEhloReply = raw;
    this.closeAfterRawEhloReply = closeAfter;
    return this;
  }

  // ---- what happened ----

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Session> sessions() {
    return List.copyOf(sessions);
  }

  public int connections() {
    return connections.get();
  }

  /** Waits (test thread only) until at least n messages were received. */
  public List<Received> awaitReceived(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return received();
  }

  /** Waits until at least n sessions saw a QUIT or ended. */
  public boolean awaitCommand(String prefix, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long count = sessions.stream().flatMap(s -> s.commands().stream())
          .filter(c -> c.toUpperCase(Locale.ROOT).startsWith(prefix)).count();
      if (count >= n) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    serverSocket.close();
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        open.add(socket);
        int number = connections.incrementAndGet();
        Thread worker = new Thread(() -> serve(socket, number), "scripted-smtp-" + number);
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
      }
    }
  }

  private void serve(Socket socket, int number) {
    Session session = new Session(number, new CopyOnWriteArrayList<>());
    sessions.add(session);
    try (socket) {
      new Conversation(socket, session).run();
    } catch (IOException e) {
      // the client went away: nothing to record
    } finally {
      open.remove(socket);
    }
  }

  /** One connection's dialogue. */
  private final class Conversation {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Session session;
    private boolean tlsActive;
    private String user;
    private String mailFrom;
    private String mailCommand;
    private final List<String> recipients = new ArrayList<>();
    private ByteArrayOutputStream bdatBody;

    Conversation(Socket socket, Session session) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
      this.session = session;
    }

    void run() throws IOException {
      reply(greeting);
      if (!greeting.startsWith("2")) {
        String line;
        while ((line = readLine()) != null) {
          session.commands().add(line);
          if (line.equalsIgnoreCase("QUIT")) {
            reply("221 2.0.0 Bye");
            return;
          }
          reply("503 5.5.1 no service");
        }
        return;
      }
      String line;
      while ((line = readLine()) != null) {
        session.commands().add(line);
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          if (rawEhloReply != null) {
            delay();
            out.write(rawEhloReply.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (closeAfterRawEhloReply) {
              return;
            }
          } else if (!ehlo) {
            reply("502 5.5.1 EHLO not implemented");
          } else {
            reply(ehloReply());
          }
        } else if (upper.startsWith("HELO")) {
          reply("250 scripted.test");
        } else if (upper.equals("STARTTLS") && tls != null && !tlsActive) {
          startTls();
        } else if (upper.startsWith("AUTH ") && authUser != null) {
          auth(line);
        } else if (upper.startsWith("MAIL FROM:")) {
          mailFrom = path(line.substring(10));
          mailCommand = line;
          recipients.clear();
          bdatBody = null;
          reply(mailReply);
        } else if (upper.startsWith("RCPT TO:")) {
          String rcpt = path(line.substring(8));
          String answer = rcptReplies.getOrDefault(rcpt.toLowerCase(Locale.ROOT), "250 2.1.5 Ok");
          if (mailFrom == null) {
            answer = "503 5.5.1 need MAIL";
          }
          if (answer.startsWith("2")) {
            recipients.add(rcpt);
          }
          reply(answer);
        } else if (upper.equals("DATA")) {
          if (mailFrom == null || recipients.isEmpty()) {
            reply("554 5.5.1 no valid recipients");
            continue;
          }
          reply(dataReply);
          if (!dataReply.startsWith("354")) {
            continue;
          }
          byte[] body = readDotBody();
          if (body == null) {
            return;
          }
          endOfData(body, false);
        } else if (upper.startsWith("BDAT ") && chunking) {
          if (!bdat(line)) {
            return;
          }
        } else if (upper.equals("RSET")) {
          mailFrom = null;
          recipients.clear();
          bdatBody = null;
          reply("250 2.0.0 Ok");
        } else if (upper.equals("NOOP")) {
          reply("250 2.0.0 Ok");
        } else if (upper.equals("QUIT")) {
          reply("221 2.0.0 Bye");
          return;
        } else {
          reply("500 5.5.2 unrecognized command");
        }
      }
    }

    private String ehloReply() {
      List<String> lines = new ArrayList<>();
      lines.add("scripted.test greets you");
      if (pipelining) {
        lines.add("PIPELINING");
      }
      if (eightBitMime) {
        lines.add("8BITMIME");
      }
      if (smtpUtf8) {
        lines.add("SMTPUTF8");
      }
      if (size >= 0) {
        lines.add("SIZE " + size);
      }
      if (chunking) {
        lines.add("CHUNKING");
      }
      if (dsn) {
        lines.add("DSN");
      }
      if (tls != null && !tlsActive) {
        lines.add("STARTTLS");
      }
      if (authUser != null) {
        lines.add("AUTH PLAIN LOGIN");
      }
      lines.add("ENHANCEDSTATUSCODES");
      StringBuilder reply = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
        if (i < lines.size() - 1) {
          reply.append("\r\n");
        }
      }
      return reply.toString();
    }

    private void startTls() throws IOException {
      String ready = "220 2.0.0 Ready to start TLS\r\n" + (injectAfterStartTls == null ? "" : injectAfterStartTls);
      out.write(ready.getBytes(StandardCharsets.UTF_8));
      out.flush();
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      ssl.setUseClientMode(false);
      ssl.startHandshake();
      socket = ssl;
      in = ssl.getInputStream();
      out = ssl.getOutputStream();
      tlsActive = true;
      mailFrom = null;
      recipients.clear();
    }

    private void auth(String line) throws IOException {
      String[] parts = line.split(" ");
      String mechanism = parts[1].toUpperCase(Locale.ROOT);
      String name;
      String password;
      if (mechanism.equals("PLAIN")) {
        String token = parts.length > 2 ? parts[2] : challenge("");
        String[] fields = decode(token).split("\0", -1);
        if (fields.length != 3) {
          reply("501 5.5.2 bad PLAIN");
          return;
        }
        name = fields[1];
        password = fields[2];
      } else if (mechanism.equals("LOGIN")) {
        name = decode(challenge("VXNlcm5hbWU6"));
        password = decode(challenge("UGFzc3dvcmQ6"));
      } else {
        reply("504 5.5.4 mechanism not supported");
        return;
      }
      if (authUser.equals(name) && authPassword.equals(password)) {
        user = name;
        reply("235 2.7.0 Authentication successful");
      } else {
        reply("535 5.7.8 Authentication credentials invalid");
      }
    }

    private String challenge(String text) throws IOException {
      reply("334 " + text);
      String answer = readLine();
      if (answer == null) {
        throw new IOException("closed during AUTH");
      }
      session.commands().add(answer);
      return answer;
    }

    private String decode(String token) {
      try {
        return new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }

    private boolean bdat(String line) throws IOException {
      String[] parts = line.trim().split("\\s+");
      int length;
      try {
        length = Integer.parseInt(parts[1]);
      } catch (RuntimeException e) {
        reply("501 5.5.4 bad BDAT");
        return true;
      }
      boolean last = parts.length > 2 && parts[2].equalsIgnoreCase("LAST");
      byte[] chunk = in.readNBytes(length);
      if (chunk.length < length) {
        return false;
      }
      if (mailFrom == null || recipients.isEmpty()) {
        reply("554 5.5.1 no valid recipients");
        return true;
      }
      if (bdatBody == null) {
        bdatBody = new ByteArrayOutputStream();
      }
      bdatBody.write(chunk);
      if (dropDuringData) {
        return false;
      }
      if (!last) {
        reply("250 2.0.0 " + length + " octets received");
        return true;
      }
      endOfData(bdatBody.toByteArray(), true);
      bdatBody = null;
      return true;
    }

    private void endOfData(byte[] body, boolean viaBdat) throws IOException {
      String answer = endOfDataReplies.poll();
      if (answer == null) {
        answer = endOfDataReply;
      }
      received.add(new Received(mailFrom, mailCommand, List.copyOf(recipients), body, viaBdat, tlsActive, user, answer));
      mailFrom = null;
      recipients.clear();
      reply(answer);
    }

    /** The DATA body with dot-unstuffing, or null when the connection closed (or was dropped) first. */
    private byte[] readDotBody() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      boolean first = true;
      while (true) {
        byte[] line = readRawLine();
        if (line == null) {
          return null;
        }
        if (first && dropDuringData) {
          return null;
        }
        first = false;
        if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
          return body.toByteArray();
        }
        int from = line.length > 0 && line[0] == '.' ? 1 : 0;
        body.write(line, from, line.length - from);
      }
    }

    /** One line including its line end, or what is left before EOF (null when nothing). */
    private byte[] readRawLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        line.write(b);
        if (b == '\n') {
          return line.toByteArray();
        }
      }
      return null;
    }

    private String readLine() throws IOException {
      byte[] raw = readRawLine();
      if (raw == null) {
        return null;
      }
      int end = raw.length;
      while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
        end--;
      }
      return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    private void reply(String text) throws IOException {
      delay();
      byte[] bytes = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
      if (splitReplies) {
        for (int i = 0; i < bytes.length; i += 3) {
          out.write(bytes, i, Math.min(3, bytes.length - i));
          out.flush();
          sleep(Duration.ofMillis(2));
        }
      } else {
        out.write(bytes);
        out.flush();
      }
    }

    private void delay() {
      if (!replyDelay.isZero()) {
        sleep(replyDelay);
      }
    }

    private void sleep(Duration d) {
      try {
        TimeUnit.MILLISECONDS.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private String path(String argument) {
      String trimmed = argument.trim();
      int start = trimmed.indexOf('<');
      int end = trimmed.indexOf('>');
      if (start < 0 || end < start) {
        return trimmed.split(" ")[0];
      }
      return trimmed.substring(start + 1, end);
    }
  }
}
