package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Objects;

/**
 * One command as the client sent it: the text pieces between literals, each but the last ending with the
 * literal's announcement ({@code {n}} or {@code {n+}}, no CRLF), and the literals in between, so
 * {@code segments.size() == literals.size() + 1}. A command still being received (shown in
 * {@link ImapLineFramer.LiteralAnnounced}) ends with the segment announcing the literal not yet read.
 */
public record ImapCommandLine(List<Buffer> segments, List<Literal> literals) {

  /** A literal's octets, or only its size when its bytes were streamed to the owner as they arrived. */
  public record Literal(long size, Buffer data) {
    /** A literal held in memory. */
    public static Literal held(Buffer data) {
      return new Literal(data.length(), data);
    }

    /** A literal whose bytes went to the owner as {@link ImapLineFramer.LiteralChunk}s. */
    public static Literal streamed(long size) {
      return new Literal(size, null);
    }

    public boolean isStreamed() {
      return data == null;
    }

    @Override
    public String toString() {
      return "Literal[" + size + (isStreamed() ? ", streamed]" : "]");
    }
  }

  public ImapCommandLine {
    segments = List.copyOf(segments);
    literals = List.copyOf(literals);
    if (segments.size() != literals.size() + 1) {
      throw new IllegalArgumentException("segments must be literals + 1");
    }
  }

  /** A command without literals, handy for tests and for IDLE's DONE. */
  public static ImapCommandLine of(String text) {
    return new ImapCommandLine(List.of(Buffer.buffer(Objects.requireNonNull(text))), List.of());
  }

  /** The text of a command without literals (e.g. an AUTHENTICATE response line); literals show as their size. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      out.append(segments.get(i).toString(java.nio.charset.StandardCharsets.UTF_8));
      if (i < literals.size()) {
        out.append("<").append(literals.get(i).size()).append(" octets>");
      }
    }
    return out.toString();
  }
}
