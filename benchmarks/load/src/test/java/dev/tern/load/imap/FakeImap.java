package dev.tern.load.imap;

import dev.tern.load.mailbox.ScriptedServer;
import dev.tern.load.mailbox.ScriptedServer.Peer;
import io.vertx.core.Vertx;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A scripted IMAP server with a mailbox of {@link #exists} messages: greets, answers CAPABILITY, STARTTLS, LOGIN,
 * AUTHENTICATE PLAIN, SELECT, FETCH and UID FETCH (envelopes, BODY.PEEK[]), IDLE and LOGOUT. A test replaces any
 * command's answer through {@link #on}. Message bodies hold lines that look like IMAP ("{5}", "A1 OK") on purpose.
 */
final class FakeImap {

  /** One command as received: tag, upper-cased verb, and the rest of the line. */
  record Command(String tag, String verb, String rest) {}

  volatile String greeting = "* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] fake ready\r\n";
  volatile String capability = "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n";
  volatile int exists = 5;
  volatile int pieceSize = 0;
  private final Map<String, BiConsumer<Peer, Command>> handlers = new ConcurrentHashMap<>();
  private final Map<Peer, String> saslPending = new ConcurrentHashMap<>();
  private final Map<Peer, String> idling = new ConcurrentHashMap<>();

  FakeImap() {
    on("CAPABILITY", (peer, c) -> reply(peer, capability + c.tag() + " OK done\r\n"));
    on("STARTTLS", (peer, c) -> peer.sendThenStartTls(c.tag() + " OK begin TLS"));
    on("LOGIN", (peer, c) -> reply(peer, c.tag() + " OK logged in\r\n"));
    on("AUTHENTICATE", (peer, c) -> {
      if (c.rest().toUpperCase(Locale.ROOT).equals("PLAIN")) {
        saslPending.put(peer, c.tag());
        reply(peer, "+ \r\n");
      } else {
        reply(peer, c.tag() + " OK authenticated with an initial response\r\n");
      }
    });
    on("SELECT", (peer, c) -> reply(peer, "* " + exists + " EXISTS\r\n* 0 RECENT\r\n"
        + "* FLAGS (\\Seen \\Deleted)\r\n" + c.tag() + " OK [READ-WRITE] selected\r\n"));
    on("FETCH", (peer, c) -> reply(peer, fetch(c.tag(), c.rest())));
    on("UID", (peer, c) -> reply(peer, fetch(c.tag(), c.rest().substring("FETCH ".length()))));
    on("IDLE", (peer, c) -> {
      idling.put(peer, c.tag());
      reply(peer, "+ idling\r\n");
    });
    on("LOGOUT", (peer, c) -> peer.send("* BYE logging out\r\n" + c.tag() + " OK bye\r\n").close());
  }

  void on(String verb, BiConsumer<Peer, Command> handler) {
    handlers.put(verb, handler);
  }

  ScriptedServer start(Vertx vertx, ScriptedServer.Tls tls) throws Exception {
    return ScriptedServer.start(vertx, tls, peer -> reply(peer, greeting), this::line);
  }

  private void line(Peer peer, String line) {
    String saslTag = saslPending.remove(peer);
    if (saslTag != null) {
      reply(peer, line.equals("*") ? saslTag + " BAD cancelled\r\n" : saslTag + " OK authenticated\r\n");
      return;
    }
    if (line.equals("DONE")) {
      String idleTag = idling.remove(peer);
      reply(peer, idleTag == null ? "* BAD DONE without IDLE\r\n" : idleTag + " OK IDLE terminated\r\n");
      return;
    }
    String[] words = line.split(" ", 3);
    Command command = new Command(words[0], words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "",
        words.length > 2 ? words[2] : "");
    BiConsumer<Peer, Command> handler = handlers.get(command.verb());
    if (handler == null) {
      reply(peer, command.tag() + " BAD unknown command\r\n");
    } else {
      handler.accept(peer, command);
    }
  }

  void reply(Peer peer, String text) {
    if (pieceSize > 0) {
      peer.sendInPieces(text, pieceSize);
    } else {
      peer.send(text);
    }
  }

  /** The message text of sequence number n: its length grows with n. */
  static String message(long n) {
    return "Subject: message " + n + "\r\n\r\nA1 OK not a reply\r\n{5}\r\nnot a literal\r\n" + "x".repeat((int) n * 7)
        + "\r\n";
  }

  private String fetch(String tag, String rest) {
    String[] words = rest.split(" ", 2);
    StringBuilder out = new StringBuilder();
    for (long n : sequenceSet(words[0])) {
      if (words[1].contains("ENVELOPE")) {
        // The subject comes as a literal, as servers send 8-bit or quote-laden text.
        out.append("* ").append(n).append(" FETCH (UID ").append(n + 100).append(" FLAGS () RFC822.SIZE ")
            .append(message(n).length()).append(" ENVELOPE (\"date\" {9}\r\nsubject ").append(n % 10)
            .append(" NIL NIL NIL NIL NIL NIL NIL \"<").append(n).append("@x>\"))\r\n");
      } else if (words[1].contains("BODY.PEEK[]")) {
        String body = message(n);
        out.append("* ").append(n).append(" FETCH (BODY[] {").append(body.length()).append("}\r\n").append(body)
            .append(")\r\n");
      }
    }
    return out.append(tag).append(" OK fetched\r\n").toString();
  }

  private TreeSet<Long> sequenceSet(String set) {
    TreeSet<Long> numbers = new TreeSet<>();
    for (String range : set.split(",")) {
      String[] ends = range.split(":");
      long first = ends[0].equals("*") ? exists : Long.parseLong(ends[0]);
      long last = ends.length == 1 ? first : ends[1].equals("*") ? exists : Long.parseLong(ends[1]);
      for (long n = Math.min(first, last); n <= Math.max(first, last) && n <= exists; n++) {
        numbers.add(n);
      }
    }
    return numbers;
  }
}
