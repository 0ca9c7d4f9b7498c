package dev.tern.access.imap.internal.fetch;

import dev.tern.access.imap.internal.message.LineEnds;
import dev.tern.access.imap.internal.mime.SectionContent;
import dev.tern.access.mailbox.MessageContent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.io.IOException;
import java.util.List;

/**
 * Copies a section of a message too big for memory from its stored stream to the output, piece by piece: the
 * stream is read front to back (line ends normalised, so offsets match the structure), bytes outside the
 * section's ranges are skipped, the synthesised pieces are written between them, and reading stops as soon
 * as the last piece is out (BODY[HEADER] of a 50 MiB message reads a few KiB). The stream is paused while
 * the output is backed up, so memory stays at a chunk or two. The literal's length has been announced by the
 * caller; any shortfall fails with {@link IncompleteResponseException}.
 */
final class SectionStreamer {

  private final MessageContent content;
  private final List<SectionContent.Piece> pieces;
  private final ResponseWriter writer;
  private final LineEnds lineEnds = new LineEnds();
  private final Promise<Void> done = Promise.promise();
  /** The piece being written. */
  private int index;
  /** For a raw range: the next offset of it still to write. */
  private long next;
  /** Offset (after line-end normalisation) of the next chunk. */
  private long position;
  private boolean finished;

  private SectionStreamer(MessageContent content, List<SectionContent.Piece> pieces, ResponseWriter writer) {
    this.content = content;
    this.pieces = pieces;
    this.writer = writer;
  }

  /** Streams the pieces and releases the content; call on the event loop the content belongs to. */
  static Future<Void> stream(MessageContent content, SectionContent section, ResponseWriter writer) {
    return new SectionStreamer(content, section.pieces(), writer).start();
  }

  private Future<Void> start() {
    startPiece();
    emit(new byte[0], 0);
    if (index == pieces.size()) {
      finish();
      return done.future();
    }
    ReadStream<Buffer> stream = content.stream();
    stream.exceptionHandler(cause -> fail("reading the message failed", cause));
    stream.endHandler(v -> onEnd());
    stream.handler(this::onChunk);
    return done.future();
  }

  private void onChunk(Buffer chunk) {
    if (finished) {
      return;
    }
    byte[] raw = chunk.getBytes();
    byte[] data = lineEnds.next(raw, 0, raw.length);
    try {
      emit(data, position);
    } catch (RuntimeException e) {
      fail("the section does not fit the message", e);
      return;
    }
    position += data.length;
    if (index == pieces.size()) {
      finish();
    } else if (writer.full()) {
      ReadStream<Buffer> stream = content.stream();
      stream.pause();
      writer.flush();
      writer.whenWritable().onComplete(ready -> {
        if (finished) {
          return;
        }
        if (ready.succeeded()) {
          stream.resume();
        } else {
          fail("the output failed", ready.cause());
        }
      });
    }
  }

  private void onEnd() {
    if (finished) {
      return;
    }
    byte[] tail = lineEnds.finish();
    try {
      emit(tail, position);
    } catch (RuntimeException e) {
      fail("the section does not fit the message", e);
      return;
    }
    position += tail.length;
    if (index == pieces.size()) {
      finish();
    } else {
      fail("the message ended at octet " + position + ", before the section", new IOException("short message"));
    }
  }

  /** Writes what of the pieces lies in {@code data}, which starts at offset {@code start}. */
  private void emit(byte[] data, long start) {
    long end = start + data.length;
    while (index < pieces.size()) {
      SectionContent.Piece piece = pieces.get(index);
      if (piece instanceof SectionContent.Synthesised synthesised) {
        writer.bytes(synthesised.bytes());
        index++;
        startPiece();
        continue;
      }
      SectionContent.RawRange range = (SectionContent.RawRange) piece;
      if (next >= range.end()) {
        index++;
        startPiece();
        continue;
      }
      if (next >= end) {
        return;
      }
      if (next < start) {
        throw new IllegalStateException("section ranges out of order at " + next);
      }
      long stop = Math.min(range.end(), end);
      writer.bytes(data, (int) (next - start), (int) (stop - next));
      next = stop;
    }
  }

  private void startPiece() {
    if (index < pieces.size() && pieces.get(index) instanceof SectionContent.RawRange range) {
      next = range.start();
    }
  }

  private void finish() {
    if (!finished) {
      finished = true;
      release();
      done.complete();
    }
  }

  private void fail(String why, Throwable cause) {
    if (!finished) {
      finished = true;
      release();
      done.fail(new IncompleteResponseException("message " + content.uid() + ": " + why, cause));
    }
  }

  private void release() {
    ReadStream<Buffer> stream = content.stream();
    stream.pause();
    stream.handler(null);
    stream.endHandler(null);
    stream.exceptionHandler(null);
    content.close();
  }
}
