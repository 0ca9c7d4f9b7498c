package dev.tern.benchmarks.micro;

import dev.tern.access.imap.internal.codec.ImapLineFramer;
import dev.tern.access.imap.internal.codec.ImapParseResult;
import dev.tern.access.imap.internal.codec.ImapParser;
import io.vertx.core.buffer.Buffer;

/**
 * What an IMAP session does with received bytes before a command runs, without its I/O: an
 * {@link ImapLineFramer} with the server's default limits, and per event what {@code ImapSession} decides: a
 * complete command goes to the {@link ImapParser}; an announced literal is streamed when it is an APPEND's
 * message (its chunks only counted here, where the session would hand them to the store), held when it fits in
 * memory, refused otherwise. Not thread-safe: one per session.
 */
public final class ImapCommandReader {

  private final ImapLineFramer framer = new ImapLineFramer(ImapLineFramer.Limits.defaults());
  private final ImapParser parser = new ImapParser();
  private int parsed;
  private int rejected;
  private long streamedLiteralBytes;
  private ImapParseResult.Parsed last;

  /** Hands received bytes to the framer and handles every event they complete. */
  public void feed(Buffer received) {
    framer.feed(received);
    for (ImapLineFramer.Event event = framer.next(); event != null; event = framer.next()) {
      onEvent(event);
    }
  }

  private void onEvent(ImapLineFramer.Event event) {
    if (event instanceof ImapLineFramer.CommandReady ready) {
      ImapParseResult result = parser.parse(ready.line());
      if (result instanceof ImapParseResult.Parsed command) {
        parsed++;
        last = command;
      } else {
        rejected++;
      }
    } else if (event instanceof ImapLineFramer.LiteralAnnounced announced) {
      if (ImapParser.isAppendMessage(announced.soFar())) {
        framer.streamLiteral();
      } else if (announced.fitsInMemory()) {
        framer.acceptLiteral();
      } else {
        framer.rejectLiteral();
        rejected++;
      }
    } else if (event instanceof ImapLineFramer.LiteralChunk chunk) {
      streamedLiteralBytes += chunk.data().length();
    } else {
      rejected++;
    }
  }

  /** Commands parsed since the last call; resets the count. */
  public int takeParsed() {
    int n = parsed;
    parsed = 0;
    return n;
  }

  /** Commands refused (syntax, length, literal size) so far. */
  public int rejected() {
    return rejected;
  }

  /** Octets of streamed (APPEND) literals since the last call; resets the count. */
  public long takeStreamedLiteralBytes() {
    long n = streamedLiteralBytes;
    streamedLiteralBytes = 0;
    return n;
  }

  /** Bytes received and not yet part of a complete command. */
  public int buffered() {
    return framer.buffered();
  }

  /** The command parsed last. */
  public ImapParseResult.Parsed last() {
    return last;
  }
}
