package dev.tern.load.pop3;

import dev.tern.load.mailbox.ScriptedServer;
import dev.tern.load.mailbox.ScriptedServer.Peer;
import io.vertx.core.Vertx;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A scripted POP3 server with a maildrop of {@link #messages} messages: greets, answers STLS, USER, PASS, AUTH, STAT,
 * LIST, RETR (dot-stuffed) and QUIT. A test replaces any command's answer through {@link #on}. Messages hold lines
 * that need dot-stuffing, and one that is a lone dot.
 */
final class FakePop3 {

  volatile String greeting = "+OK fake pop3 ready\r\n";
  volatile int messages = 3;
  volatile int pieceSize = 0;
  private final Map<String, BiConsumer<Peer, String>> handlers = new ConcurrentHashMap<>();

  FakePop3() {
    on("STLS", (peer, arg) -> peer.sendThenStartTls("+OK begin TLS"));
    on("USER", (peer, arg) -> reply(peer, "+OK\r\n"));
    on("PASS", (peer, arg) -> reply(peer, "+OK logged in\r\n"));
    on("AUTH", (peer, arg) -> reply(peer, "+OK authenticated\r\n"));
    on("STAT", (peer, arg) -> reply(peer, "+OK " + messages + " " + totalOctets() + "\r\n"));
    on("LIST", (peer, arg) -> {
      StringBuilder list = new StringBuilder("+OK scan listing follows\r\n");
      for (int n = 1; n <= messages; n++) {
        list.append(n).append(' ').append(message(n).length()).append("\r\n");
      }
      reply(peer, list.append(".\r\n").toString());
    });
    on("RETR", (peer, arg) -> {
      int n = Integer.parseInt(arg);
      reply(peer, "+OK " + message(n).length() + " octets\r\n" + dotStuffed(message(n)) + ".\r\n");
    });
    on("QUIT", (peer, arg) -> peer.send("+OK bye\r\n").close());
  }

  void on(String verb, BiConsumer<Peer, String> handler) {
    handlers.put(verb, handler);
  }

  ScriptedServer start(Vertx vertx, ScriptedServer.Tls tls) throws Exception {
    return ScriptedServer.start(vertx, tls, peer -> reply(peer, greeting), this::line);
  }

  private void line(Peer peer, String line) {
    String[] words = line.split(" ", 2);
    BiConsumer<Peer, String> handler = handlers.get(words[0].toUpperCase(Locale.ROOT));
    if (handler == null) {
      reply(peer, "-ERR unknown command\r\n");
    } else {
      handler.accept(peer, words.length > 1 ? words[1] : "");
    }
  }

  void reply(Peer peer, String text) {
    if (pieceSize > 0) {
      peer.sendInPieces(text, pieceSize);
    } else {
      peer.send(text);
    }
  }

  /** Message n as the maildrop holds it (CRLF lines); its length grows with n. */
  static String message(int n) {
    return "Subject: message " + n + "\r\n\r\n.\r\n..two dots\r\n. a dot and a space\r\n+OK not a reply\r\n"
        + "y".repeat(n * 11) + "\r\n";
  }

  static String dotStuffed(String message) {
    return message.replaceAll("(?m)^\\.", "..");
  }

  long totalOctets() {
    long sum = 0;
    for (int n = 1; n <= messages; n++) {
      sum += message(n).length();
    }
    return sum;
  }
}
