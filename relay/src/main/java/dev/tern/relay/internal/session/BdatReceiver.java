package dev.tern.relay.internal.session;

import dev.tern.relay.internal.codec.LineEndingChecker;
import dev.tern.relay.internal.codec.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Reads one BDAT chunk of a known size in pieces of at most 64 KiB (RecordParser fixed-size mode), then
 * answers it. A chunk sent out of sequence is still read to its end, so its bytes are never taken for
 * commands, and then refused.
 */
public final class BdatReceiver implements BodyReceiver {

  private final SmtpSession session;
  private final long size;
  private final boolean last;
  private final Reply refusal;
  private final LineEndingChecker lineEndings;
  private long remaining;

  /**
   * @param refusal     non-null to read and drop the chunk, then answer with this reply
   * @param lineEndings the transaction's checker, or null when the body is BINARYMIME
   */
  public BdatReceiver(SmtpSession session, long size, boolean last, Reply refusal, LineEndingChecker lineEndings) {
    this.session = session;
    this.size = size;
    this.last = last;
    this.refusal = refusal;
    this.lineEndings = lineEndings;
    this.remaining = size;
  }

  /** Starts reading (or, for BDAT 0, finishes at once). */
  public void start() {
    if (remaining == 0) {
      chunkDone();
      return;
    }
    session.startBody(this, refusal == null ? SessionState.BDAT_BODY : session.state());
    session.readFixed(nextPiece());
  }

  private int nextPiece() {
    return (int) Math.min(BodySink.CHUNK, remaining);
  }

  @Override
  public void onRecord(Buffer piece) {
    remaining -= piece.length();
    Future<Void> written = Future.succeededFuture();
    if (refusal == null) {
      if (lineEndings != null) {
        lineEndings.feed(piece);
      }
      written = session.transaction().body().append(piece);
    }
    if (remaining > 0) {
      session.readFixed(nextPiece());
    } else {
      session.readLines();
      session.endBody();
    }
    if (!written.isComplete()) {
      session.pauseInput();
      session.onContext(written).onComplete(ar -> {
        if (remaining == 0) {
          chunkDone();
        }
        session.resumeInput();
      });
    } else if (remaining == 0) {
      chunkDone();
    }
  }

  private void chunkDone() {
    if (refusal != null) {
      session.reply(refusal);
      return;
    }
    if (!last) {
      session.state(SessionState.BDAT);
      session.writeUncounted(Reply.of(250, "2.0.0", size + " octets received"));
      return;
    }
    boolean bare = lineEndings != null && lineEndings.sawBareLineEnding(true);
    MessageCompletion.finish(session, bare, false);
  }
}
