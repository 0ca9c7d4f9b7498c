package dev.tern.access.imap.support;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A scripted IMAP conversation (in the spirit of James's mpt scripts), one file per conversation:
 *
 * <pre>
 * # a comment; blank lines are ignored
 * OPTION: quota off          server settings, before anything else (see {@link Options})
 * C: a1 LOGIN alice@example.com wonderland     sent with CRLF
 * S: a1 OK .*                the next server line must match this Java regex (whole line)
 * S*: \* 3 EXISTS            server lines are skipped until one matches
 * C: a2 APPEND INBOX {11}    a command ending in a literal announcement ...
 * S: \+ .*
 * C+: Subject: x             ... then the literal's lines: joined with CRLF, no CRLF after the last one
 * C+:                        (an empty C+ line makes the literal end in CRLF); the size must be the one
 * C:                         announced; the next C line finishes the command (here: just its CRLF)
 * E:                         the server closes the connection now
 * C2: b1 LOGIN bob ...       a digit after the letter picks another connection (opened on first use)
 * </pre>
 *
 * A server line that carries a literal is matched as one string, the literal's CRLFs included (regexes run
 * with DOTALL). Each connection's greeting is a server line like any other: scripts match it.
 */
public final class ImapConversation {

  private static final Pattern DIRECTIVE = Pattern.compile("(C|S|E)([2-9])?([+*])?:(?: (.*))?");
  private static final Pattern OPTION = Pattern.compile("OPTION: (\\S+) (\\S+)");
  private static final Pattern LITERAL_ANNOUNCED = Pattern.compile("\\{(\\d+)\\+?}$");
  private static final int MAX_SKIPPED = 10_000;

  /** Server settings a script may change with {@code OPTION: name value}. */
  public static final class Options {
    /** "off" disables QUOTA; a number is alice's storage limit in bytes. */
    public String quota = "1048576";
    public long maxAppendSize = 64L * 1024 * 1024;
    public int maxErrorsBeforeDisconnect = 20;
    public int maxAuthFailuresPerSession = 3;

    void set(String name, String value, String where) {
      try {
        switch (name) {
          case "quota" -> quota = value.equals("off") ? "off" : String.valueOf(Long.parseLong(value));
          case "maxAppendSize" -> maxAppendSize = Long.parseLong(value);
          case "maxErrorsBeforeDisconnect" -> maxErrorsBeforeDisconnect = Integer.parseInt(value);
          case "maxAuthFailuresPerSession" -> maxAuthFailuresPerSession = Integer.parseInt(value);
          default -> throw new IllegalArgumentException(where + ": unknown option " + name);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": bad value for " + name + ": " + value);
      }
    }
  }

  /** One line of a script. */
  private record Step(int lineNumber, char kind, int connection, char modifier, String text) {
    String where(Path file) {
      return file.getFileName() + ":" + lineNumber;
    }
  }

  /** What a connection needs besides its client: the size its pending literal must have. */
  private static final class Connection {
    final ImapClient client;
    long announcedLiteral = -1;

    Connection(ImapClient client) {
      this.client = client;
    }
  }

  @FunctionalInterface
  public interface Connector {
    ImapClient open() throws IOException;
  }

  private final Path file;
  private final Options options = new Options();
  private final List<Step> steps = new ArrayList<>();
  /** The last lines exchanged, for failure messages. */
  private final Deque<String> transcript = new ArrayDeque<>();

  private ImapConversation(Path file) {
    this.file = file;
  }

  /** Reads and checks a script (unknown directives, bad regexes and misplaced options fail here). */
  public static ImapConversation parse(Path file) throws IOException {
    ImapConversation conversation = new ImapConversation(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = file.getFileName() + ":" + (i + 1);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher option = OPTION.matcher(line);
      if (option.matches()) {
        if (!conversation.steps.isEmpty()) {
          throw new IllegalArgumentException(where + ": OPTION lines must come first");
        }
        conversation.options.set(option.group(1), option.group(2), where);
        continue;
      }
      Matcher directive = DIRECTIVE.matcher(line);
      if (!directive.matches()) {
        throw new IllegalArgumentException(where + ": not a directive: " + line);
      }
      char kind = directive.group(1).charAt(0);
      char modifier = directive.group(3) == null ? ' ' : directive.group(3).charAt(0);
      if (modifier == '+' && kind != 'C' || modifier == '*' && kind != 'S' || kind == 'E' && modifier != ' ') {
        throw new IllegalArgumentException(where + ": bad modifier in " + line);
      }
      String text = directive.group(4) == null ? "" : directive.group(4);
      if (kind == 'S') {
        try {
          Pattern.compile(text, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(where + ": bad regex: " + e.getDescription());
        }
      }
      int connection = directive.group(2) == null ? 1 : Integer.parseInt(directive.group(2));
      conversation.steps.add(new Step(i + 1, kind, connection, modifier, text));
    }
    if (conversation.steps.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + ": no directives");
    }
    return conversation;
  }

  public Options options() {
    return options;
  }

  /** Plays the script against a server; connections are opened through {@code connector} when first named. */
  public void run(Connector connector) throws IOException {
    Map<Integer, Connection> connections = new LinkedHashMap<>();
    try {
      int i = 0;
      while (i < steps.size()) {
        Step step = steps.get(i);
        Connection connection = connections.get(step.connection());
        if (connection == null) {
          connection = new Connection(connector.open());
          connections.put(step.connection(), connection);
        }
        if (step.kind() == 'C' && step.modifier() == '+') {
          int end = i;
          while (end < steps.size() && steps.get(end).kind() == 'C' && steps.get(end).modifier() == '+'
              && steps.get(end).connection() == step.connection()) {
            end++;
          }
          sendLiteral(connection, steps.subList(i, end));
          i = end;
          continue;
        }
        switch (step.kind()) {
          case 'C' -> send(connection, step);
          case 'S' -> expect(connection, step);
          default -> expectClosed(connection, step);
        }
        i++;
      }
    } finally {
      for (Connection connection : connections.values()) {
        connection.client.close();
      }
    }
  }

  private void send(Connection connection, Step step) throws IOException {
    Matcher literal = LITERAL_ANNOUNCED.matcher(step.text());
    connection.announcedLiteral = literal.find() ? Long.parseLong(literal.group(1)) : -1;
    record(step, "C" + step.connection() + ": " + step.text());
    connection.client.raw(step.text() + "\r\n");
  }

  private void sendLiteral(Connection connection, List<Step> block) throws IOException {
    List<String> lines = block.stream().map(Step::text).toList();
    byte[] octets = String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    Step first = block.get(0);
    if (connection.announcedLiteral != octets.length) {
      throw new AssertionError(first.where(file) + ": the literal has " + octets.length + " octets but "
          + (connection.announcedLiteral < 0 ? "no literal was announced" : connection.announcedLiteral
          + " were announced"));
    }
    connection.announcedLiteral = -1;
    record(first, "C" + first.connection() + "+ (" + octets.length + " octets)");
    connection.client.raw(octets);
  }

  private void expect(Connection connection, Step step) throws IOException {
    Pattern pattern = Pattern.compile(step.text(), Pattern.DOTALL);
    for (int skipped = 0; ; skipped++) {
      String line = read(connection, step);
      record(step, "S" + step.connection() + ": " + line);
      if (pattern.matcher(line).matches()) {
        return;
      }
      if (step.modifier() != '*') {
        throw failure(step, "server line does not match\n  expected: " + step.text() + "\n  got:      " + line);
      }
      if (skipped > MAX_SKIPPED) {
        throw failure(step, "no server line matched " + step.text());
      }
    }
  }

  private void expectClosed(Connection connection, Step step) throws IOException {
    try {
      String line = connection.client.line();
      throw failure(step, "expected the server to close the connection, got: " + line);
    } catch (SocketTimeoutException e) {
      throw failure(step, "expected the server to close the connection, it stayed open");
    } catch (IOException closed) {
      record(step, "S" + step.connection() + ": <closed>");
    }
  }

  private String read(Connection connection, Step step) throws IOException {
    try {
      return connection.client.line();
    } catch (SocketTimeoutException e) {
      throw failure(step, "no server line came (expected " + step.text() + ")");
    } catch (IOException e) {
      throw failure(step, "connection closed (expected " + step.text() + ")");
    }
  }

  private void record(Step step, String text) {
    transcript.addLast(step.lineNumber() + "  " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
    if (transcript.size() > 25) {
      transcript.removeFirst();
    }
  }

  private AssertionError failure(Step step, String what) {
    return new AssertionError(step.where(file) + ": " + what + "\nlast exchanges:\n  "
        + String.join("\n  ", transcript));
  }
}
