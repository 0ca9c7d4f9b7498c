package dev.tern.delivery.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The recipient-state journal: framed state records appended after recovery truncated any torn tail,
 * and rewritten as a snapshot of current states (temp file, fsync, atomic rename, directory fsync)
 * when it has grown well past that snapshot. Writer thread only.
 */
final class JournalFile implements AutoCloseable {

  private static final long MIN_RECORDS_BEFORE_REWRITE = 50_000;

  private final Path directory;
  private final Path path;
  private FileChannel channel;
  private boolean dirty;
  private long recordsSinceRewrite;
  private long lastSnapshotRecords;

  /** Opens the journal for appending at {@code validEnd}, cutting off anything after it. */
  JournalFile(Path directory, long validEnd, long recordsInFile) throws IOException {
    this.directory = directory;
    this.path = directory.resolve(SpoolFiles.JOURNAL);
    if (validEnd < RecordFraming.MAGIC_BYTES) {
      rewrite(List.of());
    } else {
      channel = FileChannel.open(path, StandardOpenOption.WRITE);
      if (channel.size() > validEnd) {
        channel.truncate(validEnd);
        channel.force(true);
      }
      channel.position(validEnd);
      recordsSinceRewrite = recordsInFile;
    }
  }

  void append(byte[] payload) throws IOException {
    RecordFraming.writeFully(channel, RecordFraming.frame(payload));
    recordsSinceRewrite++;
    dirty = true;
  }

  boolean force() throws IOException {
    if (!dirty) {
      return false;
    }
    channel.force(false);
    dirty = false;
    return true;
  }

  boolean wantsRewrite() {
    return recordsSinceRewrite >= Math.max(MIN_RECORDS_BEFORE_REWRITE, 2 * lastSnapshotRecords);
  }

  /** Replaces the journal with exactly these records, atomically. */
  void rewrite(List<byte[]> payloads) throws IOException {
    Path temp = directory.resolve(SpoolFiles.JOURNAL_REWRITE);
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      RecordFraming.writeFully(out, RecordFraming.magic(SpoolFiles.JOURNAL_MAGIC));
      for (byte[] payload : payloads) {
        RecordFraming.writeFully(out, RecordFraming.frame(payload));
      }
      out.force(true);
    }
    if (channel != null) {
      force();
      channel.close();
      channel = null;
    }
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    SpoolFiles.syncDirectory(directory);
    channel = FileChannel.open(path, StandardOpenOption.WRITE);
    channel.position(channel.size());
    recordsSinceRewrite = payloads.size();
    lastSnapshotRecords = payloads.size();
    dirty = false;
  }

  @Override
  public void close() throws IOException {
    if (channel == null) {
      return;
    }
    try {
      force();
    } finally {
      channel.close();
      channel = null;
    }
  }
}
