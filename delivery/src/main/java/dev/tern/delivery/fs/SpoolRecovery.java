package dev.tern.delivery.fs;

import dev.tern.delivery.QueueId;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Rebuilds the index from the directory at start: replays every segment and then the journal, drops
 * torn or corrupt tails (truncating the last segment and the journal there), removes staging files and
 * body files that no live message references, and deletes segments whose messages are all final.
 * Runs on the writer thread before it takes any work.
 */
final class SpoolRecovery {

  private static final Logger LOG = System.getLogger(SpoolRecovery.class.getName());

  /** What the writer needs to carry on. */
  record Result(long nextSegment, long newestIdMillis, long journalValidEnd, long journalRecords) {}

  private final Path directory;
  private final SpoolIndex index;
  private boolean directoryChanged;

  SpoolRecovery(Path directory, SpoolIndex index) {
    this.directory = directory;
    this.index = index;
  }

  Result run() throws IOException {
    int stages = deleteStagingFiles();
    TreeMap<Long, Path> segments = listSegments();
    long messages = 0;
    for (var entry : segments.entrySet()) {
      messages += replaySegment(entry.getKey(), entry.getValue(), entry.getKey().equals(segments.lastKey()));
    }
    long[] journal = replayJournal();
    index.finishRecovery();
    int deletedSegments = deleteFinishedSegments(segments);
    int deletedBodies = deleteUnreferencedBodies();
    checkLiveBodies();
    if (directoryChanged) {
      SpoolFiles.syncDirectory(directory);
    }
    long newest = 0;
    for (IndexedMessage message : index.all()) {
      newest = Math.max(newest, QueueIdGenerator.millisOf(message.id));
    }
    LOG.log(Level.INFO, "spool recovered from {0}: {1} messages read, {2} live, {3} journal records, {4} segments"
        + " and {5} bodies deleted, {6} staging files removed", directory, messages, index.liveCount(), journal[1],
        deletedSegments, deletedBodies, stages);
    long nextSegment = segments.isEmpty() ? 1 : segments.lastKey() + 1;
    return new Result(nextSegment, newest, journal[0], journal[1]);
  }

  private int deleteStagingFiles() throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> stages = Files.newDirectoryStream(directory, "*" + SpoolFiles.STAGE_SUFFIX)) {
      for (Path stage : stages) {
        Files.deleteIfExists(stage);
        deleted++;
      }
    }
    Files.deleteIfExists(directory.resolve(SpoolFiles.JOURNAL_REWRITE));
    directoryChanged |= deleted > 0;
    return deleted;
  }

  private TreeMap<Long, Path> listSegments() throws IOException {
    TreeMap<Long, Path> segments = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "segment-*.log")) {
      for (Path file : files) {
        long number = SpoolFiles.segmentNumber(file);
        if (number >= 0) {
          segments.put(number, file);
        }
      }
    }
    return segments;
  }

  /** Reads one segment into the index; returns how many messages it held. */
  private long replaySegment(long number, Path path, boolean last) throws IOException {
    long messages = 0;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (!RecordFraming.hasMagic(channel, SpoolFiles.SEGMENT_MAGIC)) {
        LOG.log(Level.WARNING, "segment {0} has no segment header; its {1} bytes are unreadable and the file is removed", path, channel.size());
        return 0;
      }
      long position = RecordFraming.MAGIC_BYTES;
      while (true) {
        RecordFraming.Read read = RecordFraming.readAt(channel, position);
        if (read instanceof RecordFraming.End) {
          return messages;
        }
        String problem;
        if (read instanceof RecordFraming.Frame frame) {
          try {
            PayloadCodec.MessageHeader header = PayloadCodec.decodeMessage(frame.payload());
            index.addRecovered(locate(header, number, path, frame));
            messages++;
            position = frame.next();
            continue;
          } catch (PayloadCodec.CorruptPayloadException e) {
            problem = e.getMessage();
          }
        } else {
          problem = ((RecordFraming.Broken) read).reason();
        }
        LOG.log(Level.WARNING, "segment {0}: dropping {1} bytes from offset {2}: {3}", path,
            channel.size() - position, position, problem);
        if (last) {
          channel.truncate(position);
          channel.force(true);
        }
        return messages;
      }
    }
  }

  private IndexedMessage locate(PayloadCodec.MessageHeader header, long segment, Path segmentPath,
                                RecordFraming.Frame frame) {
    if (header.inline()) {
      long bodyOffset = frame.next() - header.bodyLength();
      return new IndexedMessage(header, segment, segmentPath, bodyOffset);
    }
    return new IndexedMessage(header, segment, SpoolFiles.body(directory, header.id()), 0);
  }

  /** Returns {valid end offset, records applied or ignored}; offset 0 means "start a new journal". */
  private long[] replayJournal() throws IOException {
    Path path = directory.resolve(SpoolFiles.JOURNAL);
    if (!Files.exists(path)) {
      return new long[] {0, 0};
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      if (!RecordFraming.hasMagic(channel, SpoolFiles.JOURNAL_MAGIC)) {
        LOG.log(Level.ERROR, "journal {0} has no journal header; recipient states in it are lost", path);
        return new long[] {0, 0};
      }
      long position = RecordFraming.MAGIC_BYTES;
      long records = 0;
      while (true) {
        RecordFraming.Read read = RecordFraming.readAt(channel, position);
        if (read instanceof RecordFraming.End) {
          return new long[] {position, records};
        }
        String problem;
        if (read instanceof RecordFraming.Frame frame) {
          try {
            index.applyRecovered(PayloadCodec.decodeState(frame.payload()));
            records++;
            position = frame.next();
            continue;
          } catch (PayloadCodec.CorruptPayloadException e) {
            problem = e.getMessage();
          }
        } else {
          problem = ((RecordFraming.Broken) read).reason();
        }
        LOG.log(Level.WARNING, "journal: dropping {0} bytes from offset {1}: {2}", channel.size() - position,
            position, problem);
        return new long[] {position, records};
      }
    }
  }

  private int deleteFinishedSegments(TreeMap<Long, Path> segments) throws IOException {
    List<Long> finished = new ArrayList<>(index.finishedSegments(-1));
    for (Long number : segments.keySet()) {
      if (!index.hasSegment(number)) {
        finished.add(number);
      }
    }
    for (Long number : finished) {
      Files.deleteIfExists(segments.get(number));
      index.dropSegment(number);
    }
    directoryChanged |= !finished.isEmpty();
    return finished.size();
  }

  private int deleteUnreferencedBodies() throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> bodies = Files.newDirectoryStream(directory, "*" + SpoolFiles.BODY_SUFFIX)) {
      for (Path body : bodies) {
        String name = body.getFileName().toString();
        String id = name.substring(0, name.length() - SpoolFiles.BODY_SUFFIX.length());
        if (id.isEmpty() || !index.isLive(new QueueId(id))) {
          Files.deleteIfExists(body);
          deleted++;
        }
      }
    }
    directoryChanged |= deleted > 0;
    return deleted;
  }

  private void checkLiveBodies() throws IOException {
    for (IndexedMessage message : index.all()) {
      if (message.inline || message.isFinal()) {
        continue;
      }
      if (!Files.exists(message.bodyPath) || Files.size(message.bodyPath) != message.bodyLength) {
        LOG.log(Level.ERROR, "message {0}: body file {1} is missing or has the wrong size; delivery attempts will fail",
            message.id, message.bodyPath);
      }
    }
  }
}
