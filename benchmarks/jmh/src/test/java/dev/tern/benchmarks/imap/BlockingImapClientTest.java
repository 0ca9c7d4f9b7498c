package dev.tern.benchmarks.imap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.EOFException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against a scripted server on a real loopback socket. */
class BlockingImapClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private ServerSocket listener;

  /** Sends the greeting, then per command line read the next scripted answer, "%t" standing for its tag. */
  private int serve(String greeting, List<String> answers) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture.runAsync(() -> {
      try (Socket socket = listener.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        out.write(greeting.getBytes(StandardCharsets.UTF_8));
        for (String answer : answers) {
          String line = in.readLine();
          if (line == null) {
            return;
          }
          received.add(line);
          out.write(answer.replace("%t", line.substring(0, line.indexOf(' '))).getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    return listener.getLocalPort();
  }

  @AfterEach
  void stop() throws IOException {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void countsFetchResponsesAndReadsTheirLiteralsWhole() throws Exception {
    String body = "Subject: x\r\n\r\nline one\r\n* 9 FETCH (looks like a response)\r\n%t OK fake\r\n";
    int port = serve("* OK ready\r\n", List.of(
        "* 1 FETCH (UID 7 BODY[] {" + body.length() + "}\r\n" + body + " FLAGS (\\Seen))\r\n"
            + "* 2 FETCH (UID 8 ENVELOPE (\"d\" {3}\r\nabc NIL))\r\n"
            + "* 3 EXPUNGE\r\n%t OK FETCH completed\r\n"));
    try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", port, TIMEOUT)) {
      ImapReply reply = client.ok("UID FETCH 7:8 (BODY[] ENVELOPE)");
      assertEquals(2, reply.fetchResponses());
      assertEquals(body.length() + 3, reply.literalOctets());
      assertEquals(List.of("* 3 EXPUNGE"), reply.kept());
      assertEquals("OK FETCH completed", reply.taggedLine());
    }
    assertEquals(List.of("b1 UID FETCH 7:8 (BODY[] ENVELOPE)"), received);
  }

  @Test
  void keepsFetchLinesWhenAskedWithoutTheLiteralOctets() throws Exception {
    int port = serve("* OK ready\r\n", List.of("* 1 FETCH (RFC822.SIZE 10 X {2}\r\nab)\r\n%t OK done\r\n"));
    try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", port, TIMEOUT)) {
      ImapReply reply = client.ok("FETCH 1 (RFC822.SIZE)", true);
      assertEquals(List.of("* 1 FETCH (RFC822.SIZE 10 X {2})"), reply.kept());
    }
  }

  @Test
  void aTaggedNoFailsWithoutRepeatingTheCommandsArguments() throws Exception {
    int port = serve("* OK ready\r\n", List.of("%t NO [AUTHENTICATIONFAILED] nope\r\n"));
    try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", port, TIMEOUT)) {
      ImapReplyException e = assertThrows(ImapReplyException.class, () -> client.ok("LOGIN user secret-password"));
      assertTrue(e.getMessage().startsWith("LOGIN -> NO"), e.getMessage());
      assertFalse(e.getMessage().contains("secret-password"));
    }
  }

  @Test
  void aRefusingGreetingFailsTheConnect() throws Exception {
    int port = serve("* BYE too many connections\r\n", List.of());
    assertThrows(ImapReplyException.class, () -> BlockingImapClient.connect("127.0.0.1", port, TIMEOUT));
  }

  @Test
  void somethingThatIsNotAnImapResponseFails() throws Exception {
    int port = serve("* OK ready\r\n", List.of("HTTP/1.1 400 Bad Request\r\n"));
    try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", port, TIMEOUT)) {
      assertThrows(ImapReplyException.class, () -> client.ok("NOOP"));
    }
  }

  @Test
  void aConnectionClosedMidResponseFails() throws Exception {
    int port = serve("* OK ready\r\n", List.of("* 1 FETCH (BODY[] {100}\r\nshort"));
    try (BlockingImapClient client = BlockingImapClient.connect("127.0.0.1", port, TIMEOUT)) {
      assertThrows(EOFException.class, () -> client.ok("FETCH 1 BODY[]"));
    }
  }
}
