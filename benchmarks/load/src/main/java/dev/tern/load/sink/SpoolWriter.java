package dev.tern.load.sink;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends accepted messages to spool files and fsyncs them, with group commit: one writer thread takes every
 * message queued since its last fsync, writes them all, calls fsync once, and only then lets their sessions send
 * 250. The cost is what a real receiving MTA pays for durability; the event loops never touch the disk.
 *
 * <p>Files are named spool-000000.dat, spool-000001.dat... and a new one starts once the current one would pass the
 * rotation size. Messages are stored as received on the wire (DATA still dot-stuffed, BDAT chunks as sent).
 */
final class SpoolWriter {

  private record Entry(Buffer bytes, Promise<Void> done, Context context) {}

  private static final Entry STOP = new Entry(null, null, null);

  private final Path directory;
  private final long rotateBytes;
  private final LongAdder fsyncs;
  private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final List<Path> files = new ArrayList<>();
  private final Thread thread;
  private FileChannel channel;
  private long written;
  private int nextIndex;

  private SpoolWriter(Path directory, long rotateBytes, LongAdder fsyncs) {
    this.directory = directory;
    this.rotateBytes = rotateBytes;
    this.fsyncs = fsyncs;
    this.thread = new Thread(this::run, "tern-sink-spool");
    thread.setDaemon(true);
  }

  /** Creates the directory when needed, opens the first file and starts the writer thread. Blocking. */
  static SpoolWriter open(Path directory, long rotateBytes, LongAdder fsyncs) throws IOException {
    Files.createDirectories(directory);
    SpoolWriter writer = new SpoolWriter(directory, rotateBytes, fsyncs);
    writer.nextFile();
    writer.thread.start();
    return writer;
  }

  /**
   * Queues a message; the future completes on the calling event loop once the message is on disk and fsynced, or
   * fails when it could not be written. Call it on an event loop.
   */
  Future<Void> append(Buffer message) {
    Promise<Void> done = Promise.promise();
    queue.add(new Entry(message, done, Vertx.currentContext()));
    return done.future();
  }

  /** Stops the writer after what is queued, then deletes the spool files unless {@code keep}. Blocking. */
  void close(boolean keep) throws IOException, InterruptedException {
    queue.add(STOP);
    thread.join();
    channel.close();
    if (!keep) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  private void run() {
    List<Entry> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch);
      stopping = batch.remove(STOP);
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
    }
  }

  private void commit(List<Entry> batch) {
    IOException failure = null;
    try {
      for (Entry entry : batch) {
        write(entry.bytes());
      }
      channel.force(false);
      fsyncs.increment();
    } catch (IOException e) {
      failure = e;
    }
    for (Entry entry : batch) {
      IOException cause = failure;
      entry.context().runOnContext(v -> {
        if (cause == null) {
          entry.done().complete();
        } else {
          entry.done().fail(cause);
        }
      });
    }
  }

  private void write(Buffer bytes) throws IOException {
    if (written > 0 && written + bytes.length() > rotateBytes) {
      // What is already in the full file must be as durable as what goes into the next one.
      channel.force(false);
      fsyncs.increment();
      channel.close();
      nextFile();
    }
    ByteBuffer data = ByteBuffer.wrap(bytes.getBytes());
    while (data.hasRemaining()) {
      written += channel.write(data);
    }
  }

  /** Opens the next spool file, skipping names a kept spool of an earlier run still uses. */
  private void nextFile() throws IOException {
    Path file;
    do {
      file = directory.resolve(String.format("spool-%06d.dat", nextIndex++));
    } while (Files.exists(file));
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    files.add(file);
    written = 0;
  }
}
