package dev.tern.access.mailbox.fs;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>Appends (local delivery) do not rewrite the whole file: each adds one line of the same form to
 * {@code tern-index.log}, fsynced before the UID is revealed, so an append costs the same in a mailbox of
 * ten messages as in one of a hundred thousand. Reading replays the log onto the file; the next whole write
 * (any other change, or once the log holds as many lines as the file has entries) folds it in and removes it. A torn last
 * line (a crash in mid-append) revealed nothing and is dropped; the index is then rewritten whole at once, so
 * that later lines never follow a damaged one.
 */
final class FolderIndex {

  static final String FILE_NAME = "tern-index";
  static final String LOG_NAME = "tern-index.log";
  /** The log is folded into the index once it has this many lines, or as many as the index has entries. */
  private static final int MIN_LOG_LINES_BEFORE_FOLD = 256;
  private static final String MAGIC = "tern-index 1";
  /** Never hand out the same UIDVALIDITY twice in this JVM, even for two folders created in one second. */
  private static final AtomicLong LAST_UID_VALIDITY = new AtomicLong();

  final long uidValidity;
  long uidNext;
  long highestModSeq;
  final TreeMap<Long, Entry> entries = new TreeMap<>();
  /** Lines in the append log since the last whole write. */
  private int loggedAppends;
  /** Entries the whole file holds: the log is folded in once it is as long, so both grow geometrically. */
  private int entriesInFile;
  /** The log ended in a torn or unreadable line: write the index whole before appending to the log again. */
  boolean logDamaged;

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
      Entry entry = parseEntry(lines.get(i));
      if (entry == null) {
        throw new IOException(file + " line " + (i + 1) + ": too few fields");
      }
      index.entries.put(entry.uid, entry);
    }
    index.entriesInFile = index.entries.size();
    index.replayLog(folder.resolve(LOG_NAME));
    return index;
  }

  private void replayLog(Path log) throws IOException {
    if (!Files.exists(log)) {
      return;
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      Entry entry = end < 0 ? null : parseEntryOrNull(text.substring(start, end));
      if (entry == null) {
        logDamaged = true;
        return;
      }
      loggedAppends++;
      if (entry.uid >= uidNext) {
        // Lines below uidNext were folded into the file already (a crash between the fold and the log's removal).
        entries.put(entry.uid, entry);
        uidNext = entry.uid + 1;
        highestModSeq = Math.max(highestModSeq, entry.modSeq);
      }
      start = end + 1;
    }
  }

  private static Entry parseEntryOrNull(String line) {
    try {
      return parseEntry(line);
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  /** One entry line, or null when it has too few fields. */
  private static Entry parseEntry(String line) {
    String[] fields = line.split(" ");
    if (fields.length < 5) {
      return null;
    }
    Set<String> flags = new LinkedHashSet<>(List.of(fields).subList(5, fields.length));
    long uid = Long.parseLong(fields[0]);
    return new Entry(uid, Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]),
        URLDecoder.decode(fields[4], StandardCharsets.UTF_8), flags);
  }

  private static void appendEntry(StringBuilder text, Entry entry) {
    text.append(entry.uid).append(' ').append(entry.modSeq).append(' ').append(entry.internalDateMillis)
        .append(' ').append(entry.size).append(' ').append(URLEncoder.encode(entry.base, StandardCharsets.UTF_8));
    for (String flag : entry.flags) {
      text.append(' ').append(flag);
    }
    text.append('\n');
  }

  /**
   * Makes a new entry (already in {@link #entries}, with uidNext and highestModSeq advanced) durable: one line
   * appended to the log and fsynced, or now and then a whole write that folds the log in.
   */
  void writeAppended(Path folder, Entry entry) throws IOException {
    if (logDamaged || loggedAppends >= Math.max(MIN_LOG_LINES_BEFORE_FOLD, entriesInFile)) {
      write(folder);
      return;
    }
    Path log = folder.resolve(LOG_NAME);
    boolean created = !Files.exists(log);
    StringBuilder line = new StringBuilder(96);
    appendEntry(line, entry);
    ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    }
    if (created) {
      DurableFiles.syncDirectory(folder);
    }
    loggedAppends++;
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
      appendEntry(text, entry);
    }
    DurableFiles.replace(folder.resolve(FILE_NAME), text.toString());
    // The file now holds everything the log did; a crash before this removal only leaves lines replay skips.
    Files.deleteIfExists(folder.resolve(LOG_NAME));
    loggedAppends = 0;
    entriesInFile = entries.size();
    logDamaged = false;
  }
}
