package dev.tern.relay.internal.session;

import dev.tern.relay.internal.codec.BodyLineScanner;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Reads a DATA body line by line until the lone "." record (CRLF.CRLF), streaming it into the sink. */
public final class DataReceiver implements BodyReceiver {

  private final SmtpSession session;
  private final BodySink sink;
  private final BodyLineScanner scanner;

  public DataReceiver(SmtpSession session, BodySink sink, int maxTextLineLength) {
    this.session = session;
    this.sink = sink;
    this.scanner = new BodyLineScanner(maxTextLineLength);
  }

  @Override
  public void onRecord(Buffer record) {
    if (BodyLineScanner.isEndOfData(record)) {
      session.endBody();
      MessageCompletion.finish(session, scanner.sawBareLineEnding(), scanner.sawLineTooLong());
      return;
    }
    Future<Void> written = sink.append(scanner.unstuff(record));
    if (!written.isComplete()) {
      session.pauseInput();
      session.onContext(written).onComplete(ar -> session.resumeInput());
    }
  }
}
