package dev.tern.benchmarks.micro;

import dev.tern.delivery.Intake;
import dev.tern.delivery.QueueId;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.internal.codec.BodyLineScanner;
import dev.tern.relay.internal.codec.ReceivedHeader;
import dev.tern.relay.internal.session.BodySink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.time.ZonedDateTime;

/**
 * The DATA phase of an SMTP session without the socket and the spool: the session's CRLF framer, then per record
 * what {@code DataReceiver} does ({@link BodyLineScanner}: end-of-data, dot-unstuffing, bare line endings, long
 * lines) and what {@code BodySink} does with the result (header inspection, 64 KiB pieces handed to the Intake),
 * starting, as {@code BodyOpener} does, with a fresh Received header. The Intake only counts what it is given.
 * One message at a time; not thread-safe.
 */
public final class SmtpDataReader {

  private final RecordParser framer = RecordParser.newDelimited("\r\n");
  private final SmtpServerOptions options;
  private BodyLineScanner scanner;
  private BodySink sink;
  private CountingIntake intake;
  private int traceBytes;
  private boolean ended;

  public SmtpDataReader(SmtpServerOptions options) {
    this.options = options;
    framer.maxRecordSize(256 * 1024);
    framer.handler(this::onRecord);
  }

  /** Starts a message, as DATA's 354 does. */
  public void begin() {
    String trace = ReceivedHeader.format("mail-ot1-f54.relay.example.com", "198.51.100.23", "mx.bench.example", true,
        true, false, false, "bench@bench.example", ZonedDateTime.now());
    traceBytes = trace.length();
    intake = new CountingIntake();
    sink = new BodySink(intake, options.maxMessageSize(), trace);
    scanner = new BodyLineScanner(options.maxTextLineLength());
    ended = false;
  }

  /** Hands received bytes to the framer. */
  public void feed(Buffer received) {
    framer.handle(received);
  }

  /**
   * After the final dot: commits what the sink holds and returns the message bytes the Intake received (the
   * trace header not counted). Fails when the message is incomplete or would have been refused.
   */
  public long finish() {
    if (!ended) {
      throw new IllegalStateException("no end-of-data line seen");
    }
    if (scanner.sawBareLineEnding() || scanner.sawLineTooLong() || sink.tooLarge()
        || sink.header().receivedCount() >= options.maxReceivedHeaders()) {
      throw new IllegalStateException("the server would refuse this message");
    }
    QueueId id = sink.commit().result();
    if (id == null) {
      throw new IllegalStateException("commit did not complete");
    }
    return intake.size() - traceBytes;
  }

  private void onRecord(Buffer record) {
    if (ended) {
      throw new IllegalStateException("bytes after the end of data");
    }
    if (BodyLineScanner.isEndOfData(record)) {
      ended = true;
      return;
    }
    if (!sink.append(scanner.unstuff(record)).succeeded()) {
      throw new IllegalStateException("the counting intake never waits");
    }
  }

  /** An Intake that keeps nothing: counts bytes and completes every call at once. */
  private static final class CountingIntake implements Intake {
    private static final QueueId ID = new QueueId("BENCH");
    private long size;

    @Override
    public Future<Void> write(Buffer chunk) {
      size += chunk.length();
      return Future.succeededFuture();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public Future<QueueId> commit() {
      return Future.succeededFuture(ID);
    }

    @Override
    public void abort() {
      size = 0;
    }
  }
}
