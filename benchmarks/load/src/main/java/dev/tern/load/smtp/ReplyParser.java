package dev.tern.load.smtp;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits the server's bytes into replies: lines ending in CRLF (a bare LF is tolerated), "NNN-text" continuing a
 * reply and "NNN text" ending it. Limits keep a broken or hostile server from growing memory: a line of at most
 * {@link #MAX_LINE} octets and at most {@link #MAX_LINES} lines per reply.
 */
final class ReplyParser {

  static final int MAX_LINE = 4096;
  static final int MAX_LINES = 128;

  private final Consumer<SmtpReply> replies;
  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private int code = -1;
  private List<String> lines = new ArrayList<>();

  ReplyParser(Consumer<SmtpReply> replies) {
    this.replies = replies;
  }

  /** Feeds received bytes; whole replies go to the consumer. Throws {@link SmtpProtocolException} on bad input. */
  void feed(Buffer data) {
    for (int i = 0, n = data.length(); i < n; i++) {
      byte b = data.getByte(i);
      if (b == '\n') {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
        length = 0;
        line(text);
      } else {
        if (length == MAX_LINE) {
          throw new SmtpProtocolException("reply line longer than " + MAX_LINE + " octets");
        }
        line[length++] = b;
      }
    }
  }

  /** Whether bytes of an unfinished reply are buffered (there must be none when TLS starts). */
  boolean pending() {
    return length > 0 || code >= 0;
  }

  private void line(String text) {
    if (text.length() < 3 || !digits(text) || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
      throw new SmtpProtocolException("not an SMTP reply line: " + printable(text));
    }
    int lineCode = Integer.parseInt(text.substring(0, 3));
    if (lineCode < 200 || lineCode > 599) {
      throw new SmtpProtocolException("reply code out of range: " + printable(text));
    }
    if (code >= 0 && lineCode != code) {
      throw new SmtpProtocolException("multiline reply changed its code: " + code + " then " + lineCode);
    }
    code = lineCode;
    lines.add(text.length() > 4 ? text.substring(4) : "");
    if (lines.size() > MAX_LINES) {
      throw new SmtpProtocolException("reply longer than " + MAX_LINES + " lines");
    }
    boolean last = text.length() == 3 || text.charAt(3) == ' ';
    if (last) {
      SmtpReply reply = new SmtpReply(code, List.copyOf(lines));
      code = -1;
      lines = new ArrayList<>();
      replies.accept(reply);
    }
  }

  private static boolean digits(String text) {
    return Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(1)) && Character.isDigit(text.charAt(2));
  }

  private static String printable(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
