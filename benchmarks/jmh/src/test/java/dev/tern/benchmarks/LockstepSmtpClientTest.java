package dev.tern.benchmarks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the client against a scripted server on a real loopback socket. */
class LockstepSmtpClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private ServerSocket listener;
  private CompletableFuture<Void> serverDone;

  /** One reply (raw text, CRLFs included) per client line; "DATA" content lines are recorded, not answered. */
  private int serve(String greeting, List<String> replies) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    serverDone = CompletableFuture.runAsync(() -> {
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(greeting.getBytes(StandardCharsets.US_ASCII));
        boolean inData = false;
        int next = 0;
        String line;
        while (next < replies.size() && (line = in.readLine()) != null) {
          received.add(line);
          if (inData && !line.equals(".")) {
            continue;
          }
          String reply = replies.get(next++);
          inData = reply.startsWith("354");
          out.write(reply.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    return listener.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void runsAWholeTransactionAndSendsTheMessageWithTheFinalDot() throws Exception {
    int port = serve("220 test ESMTP\r\n", List.of(
        "250-test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n",
        "250 2.1.0 Ok\r\n", "250 2.1.5 Ok\r\n", "354 go ahead\r\n",
        "250 2.0.0 Ok: queued as ABC\r\n", "221 bye\r\n"));
    byte[] message = BenchMessage.ofSize(300);
    try (LockstepSmtpClient client = LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT)) {
      SmtpReply reply = client.send("a@x.example", "b@y.example", message);
      assertEquals(250, reply.code());
      assertEquals(List.of("2.0.0 Ok: queued as ABC"), reply.lines());
      client.quit();
    }
    serverDone.get(10, TimeUnit.SECONDS);
    assertEquals("EHLO bench.example", received.get(0));
    assertEquals("MAIL FROM:<a@x.example>", received.get(1));
    assertEquals("RCPT TO:<b@y.example>", received.get(2));
    assertEquals("DATA", received.get(3));
    String sent = String.join("\r\n", received.subList(4, received.size() - 2)) + "\r\n";
    assertEquals(new String(message, StandardCharsets.US_ASCII), sent);
    assertEquals(".", received.get(received.size() - 2));
    assertEquals("QUIT", received.get(received.size() - 1));
  }

  @Test
  void aRejectedRecipientFailsWithItsCode() throws Exception {
    int port = serve("220 test\r\n", List.of("250 test\r\n", "250 Ok\r\n", "550 5.1.1 no such user\r\n"));
    try (LockstepSmtpClient client = LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT)) {
      SmtpReplyException e = assertThrows(SmtpReplyException.class,
          () -> client.send("a@x.example", "nobody@y.example", BenchMessage.ofSize(300)));
      assertEquals(550, e.code());
      assertTrue(e.getMessage().contains("RCPT"), e.getMessage());
    }
  }

  @Test
  void aRefusingGreetingFailsTheConnect() throws Exception {
    int port = serve("554 go away\r\n", List.of());
    SmtpReplyException e = assertThrows(SmtpReplyException.class,
        () -> LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT));
    assertEquals(554, e.code());
  }

  @Test
  void somethingThatIsNotAnSmtpReplyIsRefused() throws Exception {
    int port = serve("HTTP/1.1 400 Bad Request\r\n", List.of());
    SmtpReplyException e = assertThrows(SmtpReplyException.class,
        () -> LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT));
    assertEquals(-1, e.code());
  }

  @Test
  void aReplyWhoseCodeChangesMidwayIsRefused() throws Exception {
    int port = serve("220-one\r\n250 two\r\n", List.of());
    assertThrows(SmtpReplyException.class,
        () -> LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT));
  }

  @Test
  void aConnectionClosedMidTransactionIsAnError() throws Exception {
    int port = serve("220 test\r\n", List.of("250 test\r\n"));
    try (LockstepSmtpClient client = LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT)) {
      serverDone.get(10, TimeUnit.SECONDS);
      assertThrows(IOException.class, () -> client.send("a@x.example", "b@y.example", BenchMessage.ofSize(300)));
    }
  }

  @Test
  void aMessageNotEndingInCrlfIsRefusedBeforeAnythingIsSent() throws Exception {
    int port = serve("220 test\r\n", List.of("250 test\r\n", "221 bye\r\n"));
    try (LockstepSmtpClient client = LockstepSmtpClient.connect("127.0.0.1", port, "bench.example", TIMEOUT)) {
      assertThrows(IllegalArgumentException.class,
          () -> client.send("a@x.example", "b@y.example", "no line end".getBytes(StandardCharsets.US_ASCII)));
      client.quit();
    }
    serverDone.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("EHLO bench.example", "QUIT"), received);
  }
}
