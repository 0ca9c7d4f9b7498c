package dev.tern.delivery.fs;

import dev.tern.delivery.Envelope;
import dev.tern.delivery.QueueId;
import dev.tern.delivery.RecipientOutcome;
import dev.tern.delivery.SpoolHealth;
import dev.tern.delivery.SpoolUnavailableException;
import dev.tern.delivery.fs.PayloadCodec.RecipientStateRecord;
import io.vertx.core.Context;
import io.vertx.core.Promise;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one thread that touches the segment log and the journal. It takes every operation queued while
 * it was busy as one batch, writes them all, forces each file once (group commit), and only then
 * updates the index and completes the callers' futures on their own Vert.x contexts. Between batches
 * it deletes what became garbage (bodies and segments of final messages), compacts the journal, and
 * checks free disk space.
 */
final class SpoolWriter {

  private static final Logger LOG = System.getLogger(SpoolWriter.class.getName());
  private static final int MAX_BATCH_OPS = 4096;
  private static final long DISK_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Work for the writer; every op carries the context its future must complete on. */
  sealed interface Op permits Append, Record, Operator, Compact, Close {}

  record Append(QueueId id, Envelope envelope, long bodyLength, byte[] inlineBody, Path stage,
                Promise<QueueId> promise, Context context, long startNanos) implements Op {}

  record Record(List<RecipientOutcome> outcomes, Promise<Void> promise, Context context) implements Op {}

  /**
   * An operator's change: {@code plan} computes the new states from the index on the writer thread (it may throw to
   * refuse); they are written, forced and applied on their own, after the batch they arrived in.
   */
  record Operator(Function<SpoolIndex, List<RecipientStateRecord>> plan, Promise<List<RecipientStateRecord>> promise,
                  Context context) implements Op {}

  record Compact(Promise<Void> promise, Context context) implements Op {}

  record Close(Promise<Void> promise, Context context) implements Op {}

  private record PreparedAppend(Append op, PayloadCodec.MessageHeader header, byte[] payload) {}

  private record PreparedRecord(Record op, List<RecipientStateRecord> states) {}

  private final Path directory;
  private final FsSpoolOptions options;
  private final SpoolIndex index;
  private final SpoolMetrics metrics;
  private final Consumer<QueueId> committedListener;
  private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread thread;

  private volatile boolean closed;
  private volatile String writeFailure;
  private volatile boolean diskLow;

  private FileChannel lockChannel;
  private FileLock lock;
  private SegmentLog segments;
  private JournalFile journal;
  private QueueIdGenerator ids;
  private long lastDiskCheck;

  SpoolWriter(FsSpoolOptions options, SpoolIndex index, SpoolMetrics metrics, Consumer<QueueId> committedListener) {
    this.directory = options.directory();
    this.options = options;
    this.index = index;
    this.metrics = metrics;
    this.committedListener = committedListener;
    this.thread = new Thread(this::run, "tern-spool-writer");
    this.thread.setDaemon(true);
  }

  private Promise<QueueIdGenerator> started;
  private Context startContext;

  /** Starts the thread; recovery runs on it first, then the id generator is handed back. */
  void start(Promise<QueueIdGenerator> started, Context context) {
    this.started = started;
    this.startContext = context;
    thread.start();
  }

  SpoolHealth health() {
    if (closed) {
      return SpoolHealth.refusing("spool closed");
    }
    if (writeFailure != null) {
      return SpoolHealth.refusing("spool write failed");
    }
    if (diskLow) {
      return SpoolHealth.refusing("spool disk space low");
    }
    return SpoolHealth.OK;
  }

  /** Queues an op; false when the writer is closed and will never run it. */
  synchronized boolean submit(Op op) {
    if (closed) {
      return false;
    }
    queue.add(op);
    return true;
  }

  /** Queues the close after everything already queued; false if already closed. */
  synchronized boolean submitClose(Close op) {
    if (closed) {
      return false;
    }
    closed = true;
    queue.add(op);
    return true;
  }

  private void run() {
    try {
      recover();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "spool recovery in " + directory + " failed", e);
      synchronized (this) {
        closed = true;
      }
      closeQuietly();
      fail(startContext, started, new SpoolUnavailableException("spool recovery failed: " + e.getMessage(), e));
      return;
    }
    complete(startContext, started, ids);
    try {
      loop();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "spool writer stopped unexpectedly", e);
      writeFailure = String.valueOf(e);
      synchronized (this) {
        closed = true;
      }
      closeQuietly();
      failRemaining(new SpoolUnavailableException("spool writer stopped", e));
    }
  }

  private void recover() throws IOException {
    Files.createDirectories(directory);
    lockChannel = FileChannel.open(directory.resolve(SpoolFiles.LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IOException("spool directory " + directory + " is in use by another spool");
    }
    SpoolRecovery.Result result = new SpoolRecovery(directory, index).run();
    journal = new JournalFile(directory, result.journalValidEnd(), result.journalRecords());
    segments = new SegmentLog(directory, options.segmentBytes(), result.nextSegment());
    ids = new QueueIdGenerator(result.newestIdMillis());
    checkDisk();
  }

  private void loop() {
    while (true) {
      Op first;
      try {
        first = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("spool writer interrupted", e);
      }
      if (first != null) {
        List<Op> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH_OPS - 1);
        Close close = process(batch);
        if (close != null) {
          finishClose(close);
          return;
        }
      }
      if (System.nanoTime() - lastDiskCheck >= DISK_CHECK_NANOS) {
        checkDisk();
      }
    }
  }

  /** Runs one batch; returns the close op if the batch held one. */
  private Close process(List<Op> batch) {
    List<PreparedAppend> appends = new ArrayList<>();
    List<PreparedRecord> records = new ArrayList<>();
    List<Compact> compactions = new ArrayList<>();
    List<Operator> operators = new ArrayList<>();
    Close close = null;
    for (Op op : batch) {
      if (close != null) {
        failOp(op, new SpoolUnavailableException("spool closed"));
      } else if (op instanceof Close c) {
        close = c;
      } else if (op instanceof Compact c) {
        compactions.add(c);
      } else if (writeFailure != null) {
        failOp(op, new SpoolUnavailableException("spool write failed earlier: " + writeFailure));
      } else if (op instanceof Append a) {
        prepare(a, appends);
      } else if (op instanceof Record r) {
        prepare(r, records);
      } else if (op instanceof Operator o) {
        operators.add(o);
      }
    }
    List<IndexedMessage> written = write(appends, records);
    List<Runnable> completions = written == null ? List.of() : publish(appends, written, records);
    // Callers hear back only once the garbage their outcomes made is gone, so what they observe next
    // (find, the directory) is settled.
    completions.forEach(Runnable::run);
    operators.forEach(this::runOperator);
    compact(compactions);
    return close;
  }

  /**
   * Plans against the index as it is after the batch, so an operator change never races an outcome written in the
   * same batch; operator changes are rare enough to afford their own fsync.
   */
  private void runOperator(Operator op) {
    if (writeFailure != null) {
      failOp(op, new SpoolUnavailableException("spool write failed earlier: " + writeFailure));
      return;
    }
    List<RecipientStateRecord> states;
    try {
      states = op.plan().apply(index);
    } catch (RuntimeException e) {
      failOp(op, e);
      return;
    }
    try {
      for (RecipientStateRecord state : states) {
        journal.append(PayloadCodec.encodeState(state));
      }
      if (journal.force()) {
        metrics.fsyncBatch(0);
      }
    } catch (IOException | RuntimeException e) {
      writeFailure = String.valueOf(e);
      LOG.log(Level.ERROR, "spool write failed; refusing new mail until restart", e);
      failOp(op, new SpoolUnavailableException("spool write failed", e));
      return;
    }
    dropGarbage(index.applyOperator(states));
    complete(op.context(), op.promise(), states);
  }

  private void prepare(Append op, List<PreparedAppend> appends) {
    try {
      PayloadCodec.MessageHeader header = new PayloadCodec.MessageHeader(op.id(), op.envelope(),
          System.currentTimeMillis(), op.bodyLength(), op.stage() == null);
      byte[] payload = PayloadCodec.encodeMessage(header, op.inlineBody());
      if (payload.length > RecordFraming.MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException("message record of " + payload.length + " bytes is too large");
      }
      appends.add(new PreparedAppend(op, header, payload));
    } catch (RuntimeException e) {
      failOp(op, e);
    }
  }

  private void prepare(Record op, List<PreparedRecord> records) {
    try {
      records.add(new PreparedRecord(op, index.plan(op.outcomes())));
    } catch (RuntimeException e) {
      failOp(op, e);
    }
  }

  /** Writes and forces the batch; returns the new index entries, or null when the I/O failed. */
  private List<IndexedMessage> write(List<PreparedAppend> appends, List<PreparedRecord> records) {
    if (appends.isEmpty() && records.isEmpty()) {
      return List.of();
    }
    try {
      boolean renamed = false;
      for (PreparedAppend append : appends) {
        if (append.op().stage() != null) {
          Files.move(append.op().stage(), SpoolFiles.body(directory, append.op().id()), StandardCopyOption.ATOMIC_MOVE);
          renamed = true;
        }
      }
      if (renamed) {
        SpoolFiles.syncDirectory(directory);
      }
      List<IndexedMessage> written = new ArrayList<>(appends.size());
      for (PreparedAppend append : appends) {
        SegmentLog.Location at = segments.append(append.payload());
        PayloadCodec.MessageHeader header = append.header();
        written.add(append.op().stage() == null
            ? new IndexedMessage(header, at.segment(), at.path(),
                at.framePosition() + RecordFraming.HEADER_BYTES + append.payload().length - header.bodyLength())
            : new IndexedMessage(header, at.segment(), SpoolFiles.body(directory, header.id()), 0));
      }
      for (PreparedRecord record : records) {
        for (RecipientStateRecord state : record.states()) {
          journal.append(PayloadCodec.encodeState(state));
        }
      }
      boolean segmentForced = segments.force();
      boolean journalForced = journal.force();
      if (segmentForced || journalForced) {
        metrics.fsyncBatch(appends.size());
      }
      return written;
    } catch (IOException | RuntimeException e) {
      writeFailure = String.valueOf(e);
      LOG.log(Level.ERROR, "spool write failed; refusing new mail until restart", e);
      SpoolUnavailableException failure = new SpoolUnavailableException("spool write failed", e);
      appends.forEach(a -> failOp(a.op(), failure));
      records.forEach(r -> failOp(r.op(), failure));
      return null;
    }
  }

  /** Applies a durable batch to the index and removes what it made garbage; returns the completions to run. */
  private List<Runnable> publish(List<PreparedAppend> appends, List<IndexedMessage> written, List<PreparedRecord> records) {
    List<Runnable> completions = new ArrayList<>(appends.size() + records.size());
    for (int i = 0; i < appends.size(); i++) {
      Append op = appends.get(i).op();
      index.addCommitted(written.get(i));
      metrics.committed(op.bodyLength(), op.startNanos());
      completions.add(() -> {
        complete(op.context(), op.promise(), op.id());
        committedListener.accept(op.id());
      });
    }
    List<IndexedMessage> finished = new ArrayList<>();
    for (PreparedRecord record : records) {
      finished.addAll(index.apply(record.states()));
      completions.add(() -> complete(record.op().context(), record.op().promise(), null));
    }
    dropGarbage(finished);
    return completions;
  }

  /** Deletes the body files of messages that became final, and segments that hold only final messages. */
  private void dropGarbage(List<IndexedMessage> finished) {
    for (IndexedMessage message : finished) {
      if (!message.inline) {
        try {
          Files.deleteIfExists(message.bodyPath);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not delete body {0} of final message {1}: {2}", message.bodyPath, message.id, e);
        }
      }
    }
    deleteFinishedSegments();
  }

  /**
   * Deletes closed segments whose messages are all final. Their final states are already durable in
   * the journal, so a crash before or after the delete loses nothing.
   */
  private void deleteFinishedSegments() {
    try {
      boolean deleted = false;
      for (long segment : index.finishedSegments(segments.activeNumber())) {
        index.dropSegment(segment);
        Files.deleteIfExists(SpoolFiles.segment(directory, segment));
        deleted = true;
        LOG.log(Level.DEBUG, "deleted segment {0}: every message in it is final", segment);
      }
      if (deleted) {
        SpoolFiles.syncDirectory(directory);
      }
    } catch (IOException e) {
      // Not a durability problem: recovery deletes a segment of final messages it finds.
      LOG.log(Level.WARNING, "could not delete a finished segment: {0}", e.toString());
    }
  }

  private void compact(List<Compact> compactions) {
    if (compactions.isEmpty() && (writeFailure != null || !journal.wantsRewrite())) {
      return;
    }
    try {
      List<RecipientStateRecord> snapshot = index.snapshot();
      List<byte[]> payloads = new ArrayList<>(snapshot.size());
      snapshot.forEach(state -> payloads.add(PayloadCodec.encodeState(state)));
      journal.rewrite(payloads);
      LOG.log(Level.INFO, "journal compacted to {0} recipient states", payloads.size());
      compactions.forEach(c -> complete(c.context(), c.promise(), null));
    } catch (IOException | RuntimeException e) {
      writeFailure = String.valueOf(e);
      LOG.log(Level.ERROR, "journal compaction failed; refusing new mail until restart", e);
      compactions.forEach(c -> failOp(c, new SpoolUnavailableException("journal compaction failed", e)));
    }
  }

  private void checkDisk() {
    lastDiskCheck = System.nanoTime();
    try {
      long free = Files.getFileStore(directory).getUsableSpace();
      boolean low = free < options.minFreeDiskBytes();
      if (low != diskLow) {
        LOG.log(low ? Level.WARNING : Level.INFO, low
            ? "spool disk space low ({0} bytes free, {1} required): refusing new mail"
            : "spool disk space back ({0} bytes free, {1} required): accepting mail", free, options.minFreeDiskBytes());
      }
      diskLow = low;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read free space of {0}: {1}", directory, e);
      diskLow = true;
    }
  }

  private void finishClose(Close close) {
    try {
      closeFiles();
      complete(close.context(), close.promise(), null);
    } catch (IOException e) {
      fail(close.context(), close.promise(), e);
    }
    failRemaining(new SpoolUnavailableException("spool closed"));
  }

  private void closeFiles() throws IOException {
    IOException first = null;
    for (AutoCloseable closeable : new AutoCloseable[] {segments, journal, lock, lockChannel}) {
      if (closeable == null) {
        continue;
      }
      try {
        closeable.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly() {
    try {
      closeFiles();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing spool files failed: {0}", e.toString());
    }
  }

  private void failRemaining(Throwable failure) {
    List<Op> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(op -> failOp(op, failure));
  }

  private static void failOp(Op op, Throwable failure) {
    if (op instanceof Append a) {
      fail(a.context(), a.promise(), failure);
    } else if (op instanceof Record r) {
      fail(r.context(), r.promise(), failure);
    } else if (op instanceof Operator o) {
      fail(o.context(), o.promise(), failure);
    } else if (op instanceof Compact c) {
      fail(c.context(), c.promise(), failure);
    } else if (op instanceof Close c) {
      fail(c.context(), c.promise(), failure);
    }
  }

  static <T> void complete(Context context, Promise<T> promise, T value) {
    context.runOnContext(v -> promise.tryComplete(value));
  }

  static void fail(Context context, Promise<?> promise, Throwable failure) {
    context.runOnContext(v -> promise.tryFail(failure));
  }
}
