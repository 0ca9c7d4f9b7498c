package dev.tern.delivery.route.smtp.internal;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the bytes a server sends into complete replies: frames lines (CRLF, a bare LF is tolerated), collects
 * the "250-" continuation lines of a multi-line reply and emits the reply at its "250 " last line. Lines may be
 * split across packets in any way. A line that is not a reply, or a continuation whose code differs, is a
 * protocol error; so is a line longer than {@link #MAX_LINE}.
 */
public final class ReplyDecoder {

  /** RFC 5321 allows 512 octets per reply line; real servers send longer texts, so be generous but bounded. */
  static final int MAX_LINE = 4096;
  /** Bounds a multi-line reply (EHLO lists a few dozen lines). */
  static final int MAX_LINES = 200;

  private final Consumer<Reply> replies;
  private final Consumer<String> errors;
  private Buffer pending = Buffer.buffer();
  private final List<String> lines = new ArrayList<>();
  private int code = -1;
  private boolean failed;
  private long generation;

  public ReplyDecoder(Consumer<Reply> replies, Consumer<String> errors) {
    this.replies = replies;
    this.errors = errors;
  }

  public void feed(Buffer data) {
    if (failed) {
      return;
    }
    pending.appendBuffer(data);
    long started = generation;
    // Consume each line before handing it on: the receiver may act synchronously (reuse the connection, start
    // TLS and discard what follows), so the decoder's state must already be past that line.
    while (!failed && started == generation) {
      int lf = indexOfLineFeed(pending);
      if (lf < 0) {
        break;
      }
      int end = lf > 0 && pending.getByte(lf - 1) == '\r' ? lf - 1 : lf;
      String text = pending.getString(0, end, StandardCharsets.UTF_8.name());
      pending = pending.getBuffer(lf + 1, pending.length());
      line(text);
    }
    if (!failed && started == generation && pending.length() > MAX_LINE) {
      fail("reply line longer than " + MAX_LINE + " octets");
    }
  }

  private static int indexOfLineFeed(Buffer buffer) {
    for (int i = 0; i < buffer.length(); i++) {
      if (buffer.getByte(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Forgets everything buffered: after STARTTLS nothing sent in plaintext may be read as a reply. */
  public void discardBuffered() {
    generation++;
    pending = Buffer.buffer();
    lines.clear();
    code = -1;
  }

  /** True when part of a reply has arrived but not its end. */
  public boolean midReply() {
    return pending.length() > 0 || !lines.isEmpty();
  }

  private void line(String line) {
    if (line.length() > MAX_LINE) {
      fail("reply line longer than " + MAX_LINE + " octets");
      return;
    }
    if (line.length() < 3 || !digits(line) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
      fail("malformed reply line: " + printable(line));
      return;
    }
    int lineCode = Integer.parseInt(line.substring(0, 3));
    if (lineCode < 200 || lineCode > 599) {
      fail("reply code out of range: " + printable(line));
      return;
    }
    if (code != -1 && lineCode != code) {
      fail("reply code changed inside a multi-line reply: " + printable(line));
      return;
    }
    code = lineCode;
    lines.add(line.length() > 4 ? line.substring(4) : "");
    boolean last = line.length() == 3 || line.charAt(3) == ' ';
    if (last) {
      Reply reply = new Reply(code, lines);
      lines.clear();
      code = -1;
      replies.accept(reply);
    } else if (lines.size() > MAX_LINES) {
      fail("multi-line reply longer than " + MAX_LINES + " lines");
    }
  }

  private static boolean digits(String line) {
    for (int i = 0; i < 3; i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private void fail(String why) {
    failed = true;
    errors.accept(why);
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    StringBuilder out = new StringBuilder();
    for (char c : cut.toCharArray()) {
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
