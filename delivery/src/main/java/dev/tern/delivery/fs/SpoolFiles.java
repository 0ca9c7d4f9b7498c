package dev.tern.delivery.fs;

import dev.tern.delivery.QueueId;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the files in the spool directory, and the directory fsync every create, rename and delete needs. */
final class SpoolFiles {

  static final String SEGMENT_MAGIC = "TERNSEG1";
  static final String JOURNAL_MAGIC = "TERNJRN1";
  static final String JOURNAL = "journal.log";
  static final String JOURNAL_REWRITE = "journal.log.new";
  static final String LOCK = "spool.lock";
  static final String STAGE_SUFFIX = ".stage";
  static final String BODY_SUFFIX = ".body";

  private static final Pattern SEGMENT = Pattern.compile("segment-([0-9a-f]{16})\\.log");

  private SpoolFiles() {}

  static Path segment(Path directory, long number) {
    return directory.resolve(String.format("segment-%016x.log", number));
  }

  /** The segment number of a segment file name, or -1. */
  static long segmentNumber(Path file) {
    Matcher matcher = SEGMENT.matcher(file.getFileName().toString());
    return matcher.matches() ? Long.parseUnsignedLong(matcher.group(1), 16) : -1;
  }

  static Path stage(Path directory, QueueId id) {
    return directory.resolve(id.value() + STAGE_SUFFIX);
  }

  static Path body(Path directory, QueueId id) {
    return directory.resolve(id.value() + BODY_SUFFIX);
  }

  /** Makes creations, renames and deletions in the directory durable. */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
