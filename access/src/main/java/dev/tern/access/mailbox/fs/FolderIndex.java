package dev.tern.access.mailbox.fs;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code tern-index} of one folder, in memory and on disk. Text, one header line each for
 * UIDVALIDITY, next UID and highest MODSEQ, then one line per message:
 * {@code uid modseq internal-date-millis size url-encoded-base flag...}. Written whole and atomically,
 * and always before a new UID is revealed, so a UID is never handed out twice in one UIDVALIDITY.
 */
final class FolderIndex {

  static final String FILE_NAME = "tern-index";
  private static final String MAGIC = "tern-index 1";
  /** Never hand out the same UIDVALIDITY twice in this JVM, even for two folders created in one second. */
  private static final AtomicLong LAST_UID_VALIDITY = new AtomicLong();

  final long uidValidity;
  long uidNext;
  long highestModSeq;
  final TreeMap<Long, Entry> entries = new TreeMap<>();

  static final class Entry {
    final long uid;
    long modSeq;
    final long internalDateMillis;
    final long size;
    final String base;
    Set<String> flags;

    Entry(long uid, long modSeq, long internalDateMillis, long size, String base, Set<String> flags) {
      this.uid = uid;
      this.modSeq = modSeq;
      this.internalDateMillis = internalDateMillis;
      this.size = size;
      this.base = base;
      this.flags = new LinkedHashSet<>(flags);
    }
  }

  private FolderIndex(long uidValidity, long uidNext, long highestModSeq) {
    this.uidValidity = uidValidity;
    this.uidNext = uidNext;
    this.highestModSeq = highestModSeq;
  }

  static FolderIndex fresh() {
    long now = System.currentTimeMillis() / 1000;
    long validity = LAST_UID_VALIDITY.updateAndGet(last -> Math.max(now, last + 1));
    return new FolderIndex(validity, 1, 1);
  }

  /** The index of a folder, or null if it has none (new folder, or one another tool created). */
  static FolderIndex read(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.size() < 4 || !lines.get(0).equals(MAGIC)) {
      throw new IOException(file + ": not a tern index");
    }
    FolderIndex index = new FolderIndex(header(lines.get(1), "uidvalidity", file),
        header(lines.get(2), "uidnext", file), header(lines.get(3), "highestmodseq", file));
    for (int i = 4; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(" ");
      if (fields.length < 5) {
        throw new IOException(file + " line " + (i + 1) + ": too few fields");
      }
      Set<String> flags = new LinkedHashSet<>(List.of(fields).subList(5, fields.length));
      long uid = Long.parseLong(fields[0]);
      index.entries.put(uid, new Entry(uid, Long.parseLong(fields[1]), Long.parseLong(fields[2]),
          Long.parseLong(fields[3]), URLDecoder.decode(fields[4], StandardCharsets.UTF_8), flags));
    }
    return index;
  }

  private static long header(String line, String name, Path file) throws IOException {
    if (!line.startsWith(name + " ")) {
      throw new IOException(file + ": expected " + name);
    }
    return Long.parseLong(line.substring(name.length() + 1));
  }

  void write(Path folder) throws IOException {
    StringBuilder text = new StringBuilder(64 + entries.size() * 96);
    text.append(MAGIC).append('\n')
        .append("uidvalidity ").append(uidValidity).append('\n')
        .append("uidnext ").append(uidNext).append('\n')
        .append("highestmodseq ").append(highestModSeq).append('\n');
    for (Entry entry : entries.values()) {
      text.append(entry.uid).append(' ').append(entry.modSeq).append(' ').append(entry.internalDateMillis)
          .append(' ').append(entry.size).append(' ').append(URLEncoder.encode(entry.base, StandardCharsets.UTF_8));
      for (String flag : entry.flags) {
        text.append(' ').append(flag);
      }
      text.append('\n');
    }
    DurableFiles.replace(folder.resolve(FILE_NAME), text.toString());
  }
}
