package dev.tern.delivery.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The active segment the writer appends message records to. A new segment starts when the active one
 * has reached {@code segmentBytes}; closed segments are only ever read or deleted. Writer thread only.
 */
final class SegmentLog implements AutoCloseable {

  /** Where a record landed. */
  record Location(long segment, Path path, long framePosition) {}

  private final Path directory;
  private final long segmentBytes;
  private long number;
  private Path path;
  private FileChannel channel;
  private long size;
  private int records;
  private boolean dirty;

  SegmentLog(Path directory, long segmentBytes, long firstNumber) throws IOException {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    start(firstNumber);
  }

  long activeNumber() {
    return number;
  }

  /** Appends one framed record, starting a new segment first if the active one is full. */
  Location append(byte[] payload) throws IOException {
    if (records > 0 && size >= segmentBytes) {
      roll();
    }
    long position = size;
    var frame = RecordFraming.frame(payload);
    RecordFraming.writeFully(channel, frame);
    size += RecordFraming.HEADER_BYTES + payload.length;
    records++;
    dirty = true;
    return new Location(number, path, position);
  }

  /** Forces what was appended since the last force; returns whether there was anything. */
  boolean force() throws IOException {
    if (!dirty) {
      return false;
    }
    channel.force(false);
    dirty = false;
    return true;
  }

  private void roll() throws IOException {
    force();
    channel.close();
    start(number + 1);
  }

  private void start(long segmentNumber) throws IOException {
    number = segmentNumber;
    path = SpoolFiles.segment(directory, segmentNumber);
    channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    RecordFraming.writeFully(channel, RecordFraming.magic(SpoolFiles.SEGMENT_MAGIC));
    channel.force(true);
    SpoolFiles.syncDirectory(directory);
    size = RecordFraming.MAGIC_BYTES;
    records = 0;
    dirty = false;
  }

  @Override
  public void close() throws IOException {
    try {
      force();
    } finally {
      channel.close();
    }
  }
}
