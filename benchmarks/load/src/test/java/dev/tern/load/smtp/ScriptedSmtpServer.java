package dev.tern.load.smtp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server for the load generator's tests, answering what the test scripts: a greeting, RCPT and
 * end-of-data replies, PIPELINING offered or not, or silence after DATA. It counts what it saw.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private static final Pattern SIZE = Pattern.compile("SIZE=(\\d+)");

  volatile String greeting = "220 scripted.test ready";
  volatile String rcptReply = "250 2.1.5 ok";
  volatile String endOfDataReply = "250 2.0.0 queued";
  volatile boolean offerPipelining = true;
  volatile boolean silentAfterData;

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger messages = new AtomicInteger();
  final AtomicInteger resets = new AtomicInteger();
  final AtomicInteger quits = new AtomicInteger();
  /** Reads that carried more than one command: the client pipelined. */
  final AtomicInteger pipelinedReads = new AtomicInteger();
  /** Per message received: the SIZE= announced and the octets stored (dot-stuffing undone). */
  final ConcurrentLinkedQueue<long[]> sizes = new ConcurrentLinkedQueue<>();

  private final Vertx vertx;
  private NetServer server;

  ScriptedSmtpServer(Vertx vertx) {
    this.vertx = vertx;
  }

  int start() {
    server = vertx.createNetServer().connectHandler(this::session);
    return server.listen(0, "127.0.0.1").await().actualPort();
  }

  private void session(NetSocket socket) {
    connections.incrementAndGet();
    new Session(socket).start();
  }

  private final class Session {
    private final NetSocket socket;
    private final StringBuilder pending = new StringBuilder();
    private boolean inData;
    private long announced;
    private long stored;

    Session(NetSocket socket) {
      this.socket = socket;
    }

    void start() {
      socket.handler(this::read);
      socket.write(greeting + "\r\n");
      if (greeting.startsWith("421")) {
        socket.close();
      }
    }

    private void read(Buffer data) {
      pending.append(data.toString(StandardCharsets.ISO_8859_1));
      int commands = 0;
      int end;
      while ((end = pending.indexOf("\r\n")) >= 0) {
        String line = pending.substring(0, end);
        pending.delete(0, end + 2);
        if (inData) {
          data(line);
        } else {
          commands++;
          command(line);
        }
      }
      if (commands > 1) {
        pipelinedReads.incrementAndGet();
      }
    }

    private void data(String line) {
      if (line.equals(".")) {
        inData = false;
        messages.incrementAndGet();
        sizes.add(new long[] {announced, stored});
        if (!silentAfterData) {
          socket.write(endOfDataReply + "\r\n");
        }
        return;
      }
      stored += (line.startsWith(".") ? line.length() - 1 : line.length()) + 2;
    }

    private void command(String line) {
      String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
      switch (verb) {
        case "EHLO" -> socket.write("250-scripted.test\r\n" + (offerPipelining ? "250-PIPELINING\r\n" : "")
            + "250 SIZE 100000000\r\n");
        case "MAIL" -> {
          Matcher size = SIZE.matcher(line);
          announced = size.find() ? Long.parseLong(size.group(1)) : -1;
          stored = 0;
          socket.write("250 2.1.0 ok\r\n");
        }
        case "RCPT" -> socket.write(rcptReply + "\r\n");
        case "DATA" -> {
          if (rcptReply.startsWith("2")) {
            inData = true;
            socket.write("354 go ahead\r\n");
          } else {
            socket.write("554 5.5.1 no valid recipients\r\n");
          }
        }
        case "RSET" -> {
          resets.incrementAndGet();
          socket.write("250 2.0.0 reset\r\n");
        }
        case "QUIT" -> {
          quits.incrementAndGet();
          socket.write("221 2.0.0 bye\r\n").onComplete(ar -> socket.close());
        }
        default -> socket.write("502 5.5.2 not here\r\n");
      }
      if (rcptReply.startsWith("421") && verb.equals("RCPT")) {
        socket.close();
      }
    }
  }

  /** A greeting of more lines than any reply may have. */
  static String endlessGreeting() {
    return String.join("\r\n", java.util.Collections.nCopies(ReplyParser.MAX_LINES + 5, "220-more")) + "\r\n220 end";
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().await();
    }
  }

  static List<String> args(int port, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--target", "127.0.0.1:" + port, "--quiet"));
    args.addAll(List.of(more));
    return args;
  }
}
