package dev.tern.access.imap.internal.codec;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the client's bytes into IMAP commands with their literals (RFC 3501 section 4.3, RFC 7888 LITERAL+).
 * Input is fed in chunks of any size and events are taken out one at a time with {@link #next()}, so the
 * session handles commands strictly in order while later input waits here.
 *
 * <p>When a line ends in {@code {n}} or {@code {n+}} the framer stops with {@link LiteralAnnounced} and
 * waits for the owner's decision: {@link #acceptLiteral()} (held in memory; for a synchronising literal the
 * owner then sends "+ "), {@link #streamLiteral()} (the octets come out as {@link LiteralChunk}s as they
 * arrive, for APPEND) or {@link #rejectLiteral()} (the owner answers NO/BAD; a synchronising literal's octets
 * never come, a non-synchronising literal's octets and the rest of its command are skipped). A complete
 * command comes out as {@link CommandReady}.
 *
 * <p>Lines are bounded: a command whose text (literals excluded) exceeds the limit is dropped as it arrives
 * and comes out as one {@link LineTooLong} when its CRLF is seen; literals it announces with {@code {n+}}
 * are skipped too. Memory stays bounded by the line limit plus the held-literal limit.
 */
public final class ImapLineFramer {

  /**
   * @param maxLineLength             longest command text in octets, literals and the final CRLF excluded
   * @param maxLiteralSize            largest literal that may be held in memory
   * @param maxLiteralBytesPerCommand most literal octets one command may hold in memory
   */
  public record Limits(int maxLineLength, long maxLiteralSize, long maxLiteralBytesPerCommand) {
    public Limits {
      if (maxLineLength < 16 || maxLiteralSize < 0 || maxLiteralBytesPerCommand < maxLiteralSize) {
        throw new IllegalArgumentException("bad framer limits");
      }
    }

    /** 64 KiB lines, 64 KiB literals, 256 KiB held per command. */
    public static Limits defaults() {
      return new Limits(64 * 1024, 64 * 1024, 256 * 1024);
    }
  }

  /** What {@link #next()} reports. */
  public sealed interface Event {
  }

  /** A whole command. */
  public record CommandReady(ImapCommandLine line) implements Event {
  }

  /**
   * The line so far ends in a literal announcement; the framer waits for accept, stream or reject.
   *
   * @param fitsInMemory whether {@link #acceptLiteral()} is allowed under the limits
   * @param soFar        the command up to and including the announcement (parse its tag and verb from it)
   */
  public record LiteralAnnounced(long size, boolean synchronising, boolean fitsInMemory, ImapCommandLine soFar)
      implements Event {
  }

  /** Octets of a streamed literal; {@code last} marks the final chunk (empty for an empty literal). */
  public record LiteralChunk(Buffer data, boolean last) implements Event {
  }

  /** A command longer than the limit was dropped; {@code tag} is its tag if one could be read, else null. */
  public record LineTooLong(String tag) implements Event {
  }

  private enum State { LINE, DECIDING, HOLD_LITERAL, STREAM_LITERAL, SKIP_LITERAL, DISCARD_LINE }

  private static final int MAX_TAG = 64;
  private static final int TAIL = 24;

  private final Limits limits;
  private Buffer input = Buffer.buffer();
  private int start;
  /** Bytes after {@code start} known to hold no CRLF while in LINE state. */
  private int scanned;
  private State state = State.LINE;

  private final List<Buffer> segments = new ArrayList<>();
  private final List<ImapCommandLine.Literal> literals = new ArrayList<>();
  private long lineLength;
  private long heldLiteralBytes;
  private LiteralAnnounced announced;
  private long remaining;
  private Buffer literal;

  /** Set while discarding an over-long command: its tag (maybe null) and that it must be reported. */
  private boolean reportTooLong;
  private String tooLongTag;
  private Buffer tail = Buffer.buffer();

  public ImapLineFramer(Limits limits) {
    this.limits = limits;
  }

  /** Adds received bytes. */
  public void feed(Buffer data) {
    if (start > 0) {
      input = input.getBuffer(start, input.length());
      start = 0;
    }
    input.appendBuffer(data);
  }

  /** The next event, or null until more input arrives (or, after {@link LiteralAnnounced}, a decision). */
  public Event next() {
    while (true) {
      switch (state) {
        case DECIDING:
          return null;
        case LINE: {
          Event event = readLine();
          if (event != null || state == State.LINE) {
            return event;
          }
          break;
        }
        case HOLD_LITERAL:
          if (!holdLiteral()) {
            return null;
          }
          break;
        case STREAM_LITERAL:
          return streamChunk();
        case SKIP_LITERAL:
          if (!skipLiteral()) {
            return null;
          }
          break;
        case DISCARD_LINE: {
          Event event = discardLine();
          if (event != null || state == State.DISCARD_LINE) {
            return event;
          }
          break;
        }
        default:
          throw new IllegalStateException();
      }
    }
  }

  /** Keep the announced literal in memory; only when it {@link LiteralAnnounced#fitsInMemory() fits}. */
  public void acceptLiteral() {
    if (state == State.DECIDING && !announced.fitsInMemory()) {
      throw new IllegalStateException("literal does not fit the in-memory limits");
    }
    LiteralAnnounced pending = decided();
    heldLiteralBytes += pending.size();
    literal = Buffer.buffer((int) pending.size());
    remaining = pending.size();
    state = State.HOLD_LITERAL;
  }

  /** Hand the announced literal's octets to the owner as {@link LiteralChunk}s. */
  public void streamLiteral() {
    remaining = decided().size();
    literal = null;
    state = State.STREAM_LITERAL;
  }

  /** The owner refused the literal and has answered the command; drop whatever of it the client still sends. */
  public void rejectLiteral() {
    LiteralAnnounced pending = decided();
    resetCommand();
    if (pending.synchronising()) {
      state = State.LINE;
    } else {
      remaining = pending.size();
      state = State.SKIP_LITERAL;
    }
  }

  /** Bytes received and not yet consumed. */
  public int buffered() {
    return input.length() - start;
  }

  private LiteralAnnounced decided() {
    if (state != State.DECIDING) {
      throw new IllegalStateException("no literal is waiting for a decision");
    }
    LiteralAnnounced pending = announced;
    announced = null;
    return pending;
  }

  private Event readLine() {
    int length = input.length();
    int i = start + scanned;
    for (; i + 1 < length; i++) {
      if (input.getByte(i) == '\r' && input.getByte(i + 1) == '\n') {
        return endOfSegment(i);
      }
    }
    scanned = Math.max(0, i - start);
    boolean endsWithCr = length > start && input.getByte(length - 1) == '\r';
    int content = length - start - (endsWithCr ? 1 : 0);
    if (lineLength + content > limits.maxLineLength()) {
      startDiscarding(length - (endsWithCr ? 1 : 0));
    }
    return null;
  }

  private Event endOfSegment(int crlf) {
    if (lineLength + (crlf - start) > limits.maxLineLength()) {
      startDiscarding(crlf);
      return null;
    }
    Buffer segment = input.getBuffer(start, crlf);
    lineLength += crlf - start;
    start = crlf + 2;
    scanned = 0;
    segments.add(segment);
    LiteralMarker marker = LiteralMarker.at(segment);
    if (marker == null) {
      ImapCommandLine line = new ImapCommandLine(segments, literals);
      resetCommand();
      return new CommandReady(line);
    }
    boolean fits = marker.size() <= limits.maxLiteralSize()
        && heldLiteralBytes + marker.size() <= limits.maxLiteralBytesPerCommand();
    announced = new LiteralAnnounced(marker.size(), marker.synchronising(), fits,
        new ImapCommandLine(segments, literals));
    state = State.DECIDING;
    return announced;
  }

  private boolean holdLiteral() {
    int take = (int) Math.min(remaining, input.length() - start);
    literal.appendBuffer(input, start, take);
    start += take;
    remaining -= take;
    if (remaining > 0) {
      return false;
    }
    literals.add(ImapCommandLine.Literal.held(literal));
    literal = null;
    state = State.LINE;
    return true;
  }

  private Event streamChunk() {
    int available = input.length() - start;
    if (available == 0 && remaining > 0) {
      return null;
    }
    int take = (int) Math.min(remaining, available);
    Buffer chunk = input.getBuffer(start, start + take);
    start += take;
    remaining -= take;
    boolean last = remaining == 0;
    if (last) {
      literals.add(ImapCommandLine.Literal.streamed(lastAnnouncedSize()));
      state = State.LINE;
    }
    return new LiteralChunk(chunk, last);
  }

  private long lastAnnouncedSize() {
    LiteralMarker marker = LiteralMarker.at(segments.get(segments.size() - 1));
    return marker.size();
  }

  private boolean skipLiteral() {
    int take = (int) Math.min(remaining, input.length() - start);
    start += take;
    remaining -= take;
    if (remaining > 0) {
      return false;
    }
    tail = Buffer.buffer();
    state = State.DISCARD_LINE;
    return true;
  }

  private void startDiscarding(int droppedUpTo) {
    reportTooLong = true;
    tooLongTag = sniffTag();
    tail = Buffer.buffer();
    keepTail(droppedUpTo);
    start = droppedUpTo;
    resetCommand();
    state = State.DISCARD_LINE;
  }

  /** Drops the rest of a command up to its CRLF, following any non-synchronising literal it announces. */
  private Event discardLine() {
    int length = input.length();
    for (int i = start; i + 1 < length; i++) {
      if (input.getByte(i) == '\r' && input.getByte(i + 1) == '\n') {
        keepTail(i);
        start = i + 2;
        LiteralMarker marker = LiteralMarker.at(tail);
        tail = Buffer.buffer();
        if (marker != null && !marker.synchronising()) {
          remaining = marker.size();
          state = State.SKIP_LITERAL;
          return null;
        }
        state = State.LINE;
        if (reportTooLong) {
          reportTooLong = false;
          return new LineTooLong(tooLongTag);
        }
        return null;
      }
    }
    boolean endsWithCr = length > start && input.getByte(length - 1) == '\r';
    int upTo = length - (endsWithCr ? 1 : 0);
    keepTail(upTo);
    start = upTo;
    return null;
  }

  /** Remembers the last few dropped octets so a literal announcement at the end of a dropped line is seen. */
  private void keepTail(int upTo) {
    int from = Math.max(start, upTo - TAIL);
    Buffer joined = tail.copy().appendBuffer(input, from, upTo - from);
    tail = joined.getBuffer(Math.max(0, joined.length() - TAIL), joined.length());
  }

  private String sniffTag() {
    Buffer first = segments.isEmpty() ? input.getBuffer(start, Math.min(input.length(), start + MAX_TAG + 1))
        : segments.get(0);
    int end = Math.min(first.length(), MAX_TAG + 1);
    for (int i = 0; i < end; i++) {
      byte b = first.getByte(i);
      if (b == ' ') {
        String tag = first.getString(0, i, "US-ASCII");
        return i > 0 && ImapSyntax.isTag(tag) ? tag : null;
      }
    }
    return null;
  }

  private void resetCommand() {
    segments.clear();
    literals.clear();
    lineLength = 0;
    heldLiteralBytes = 0;
    scanned = 0;
  }

  /** A literal announcement {@code {n}} or {@code {n+}} at the very end of a segment. */
  private record LiteralMarker(long size, boolean synchronising) {

    private static final int MAX_DIGITS = 18;

    static LiteralMarker at(Buffer segment) {
      int end = segment.length() - 1;
      if (end < 2 || segment.getByte(end) != '}') {
        return null;
      }
      int digitsEnd = segment.getByte(end - 1) == '+' ? end - 1 : end;
      long size = 0;
      int i = digitsEnd - 1;
      for (; i >= 0 && digitsEnd - i <= MAX_DIGITS; i--) {
        byte b = segment.getByte(i);
        if (b == '{') {
          break;
        }
        if (b < '0' || b > '9') {
          return null;
        }
      }
      if (i < 0 || segment.getByte(i) != '{' || i == digitsEnd - 1) {
        return null;
      }
      for (int d = i + 1; d < digitsEnd; d++) {
        size = size * 10 + (segment.getByte(d) - '0');
      }
      return new LiteralMarker(size, digitsEnd == end);
    }
  }
}
