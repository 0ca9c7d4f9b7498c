package dev.tern.access.mailbox.fs;

import dev.tern.access.mailbox.FlagMode;
import dev.tern.access.mailbox.FlagUpdateResult;
import dev.tern.access.mailbox.Flags;
import dev.tern.access.mailbox.MailboxEvent;
import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxSnapshot;
import dev.tern.access.mailbox.MailboxStatus;
import dev.tern.access.mailbox.MessageSummary;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Maildir folder and its index. Not thread-safe: callers hold the folder's monitor, so mutations of one
 * mailbox are serialised. Blocking.
 */
final class MaildirFolder {

  private static final System.Logger LOG = System.getLogger(MaildirFolder.class.getName());

  final String account;
  final String name;
  final Path dir;
  private FolderIndex index;
  /** Where each UID's file was last seen; another tool may have renamed it since. */
  private final Map<Long, Path> locations = new HashMap<>();
  /**
   * Modification times of new/ and cur/ when the last full rescan listed them, or null. Kept only once they are
   * more than a second old: a change in the same clock tick as the listing would leave the time unchanged.
   */
  private FileTime listedNew;
  private FileTime listedCur;

  MaildirFolder(String account, String name, Path dir) {
    this.account = account;
    this.name = name;
    this.dir = dir;
  }

  static void createLayout(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("new"));
    Files.createDirectories(dir.resolve("cur"));
  }

  static boolean exists(Path dir) {
    return Files.isDirectory(dir.resolve("cur")) && Files.isDirectory(dir.resolve("new"));
  }

  Path tmpDir() {
    return dir.resolve("tmp");
  }

  /** Loads the index on first use, without a scan if it already exists. */
  private List<MailboxEvent> ensureLoaded() throws IOException {
    if (index != null) {
      return List.of();
    }
    return rescan();
  }

  /**
   * A rescan, unless neither new/ nor cur/ changed since the last one listed them (another tool's change, or one
   * of ours, alters a directory's modification time). Saves listing 10,000 files at every IMAP SELECT.
   */
  private List<MailboxEvent> rescanIfChanged() throws IOException {
    if (index != null && listedNew != null && listedCur != null
        && listedNew.equals(Files.getLastModifiedTime(dir.resolve("new")))
        && listedCur.equals(Files.getLastModifiedTime(dir.resolve("cur")))) {
      return List.of();
    }
    return rescan();
  }

  private static FileTime settled(FileTime modified) {
    return System.currentTimeMillis() - modified.toMillis() > 1000 ? modified : null;
  }

  /**
   * Reconciles the index with the files: files it does not know get new UIDs, entries whose file vanished
   * are expunged, system flags changed by another tool are taken over with a new MODSEQ.
   */
  List<MailboxEvent> rescan() throws IOException {
    boolean dirty = false;
    if (index == null) {
      index = readOrSetAside();
      if (index == null) {
        index = FolderIndex.fresh();
        dirty = true;
      } else if (index.logDamaged) {
        dirty = true;
      }
    }
    FileTime newBefore = Files.getLastModifiedTime(dir.resolve("new"));
    FileTime curBefore = Files.getLastModifiedTime(dir.resolve("cur"));
    Map<String, Path> found = new HashMap<>();
    listInto(dir.resolve("new"), found);
    listInto(dir.resolve("cur"), found);
    listedNew = settled(newBefore);
    listedCur = settled(curBefore);
    List<MailboxEvent> events = new ArrayList<>();
    List<Long> gone = new ArrayList<>();
    List<FlagUpdateResult.Change> changes = new ArrayList<>();
    locations.clear();
    for (FolderIndex.Entry entry : new ArrayList<>(index.entries.values())) {
      Path file = found.remove(entry.base);
      if (file == null) {
        gone.add(entry.uid);
        index.entries.remove(entry.uid);
        continue;
      }
      locations.put(entry.uid, file);
      Set<String> onDisk = MaildirFileNames.systemFlags(file.getFileName().toString());
      Set<String> merged = keywords(entry.flags);
      merged.addAll(onDisk);
      if (file.getParent().endsWith("cur") && !merged.equals(entry.flags)) {
        entry.flags = merged;
        entry.modSeq = ++index.highestModSeq;
        changes.add(new FlagUpdateResult.Change(entry.uid, merged, entry.modSeq));
      }
    }
    if (!gone.isEmpty()) {
      index.highestModSeq++;
      events.add(new MailboxEvent.Expunged(account, name, gone, index.highestModSeq));
    }
    if (!changes.isEmpty()) {
      events.add(new MailboxEvent.FlagsChanged(account, name, changes));
    }
    List<Path> strangers = new ArrayList<>(found.values());
    strangers.sort(Comparator.comparing((Path p) -> modified(p)).thenComparing(p -> p.getFileName().toString()));
    for (Path file : strangers) {
      long uid = index.uidNext++;
      long modSeq = ++index.highestModSeq;
      index.entries.put(uid, new FolderIndex.Entry(uid, modSeq, modified(file), WireSize.of(file),
          MaildirFileNames.base(file.getFileName().toString()),
          MaildirFileNames.systemFlags(file.getFileName().toString())));
      locations.put(uid, file);
      events.add(new MailboxEvent.Appended(account, name, uid, modSeq));
    }
    if (dirty || !events.isEmpty()) {
      index.write(dir);
    }
    if (!gone.isEmpty() || !strangers.isEmpty() || !changes.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "mailbox {0} of {1} repaired: {2} new, {3} vanished, {4} flag changes",
          name, account, strangers.size(), gone.size(), changes.size());
    }
    return events;
  }

  /**
   * A damaged index cannot say which UIDs were handed out, so it is set aside and the folder starts over
   * with a new UIDVALIDITY: clients then resynchronise instead of trusting reused UIDs.
   */
  private FolderIndex readOrSetAside() throws IOException {
    try {
      return FolderIndex.read(dir);
    } catch (IOException | RuntimeException e) {
      Path damaged = dir.resolve(FolderIndex.FILE_NAME);
      Path aside = dir.resolve(FolderIndex.FILE_NAME + ".damaged-" + System.currentTimeMillis());
      LOG.log(System.Logger.Level.WARNING, "index of mailbox {0} of {1} unreadable ({2}); set aside as {3},"
          + " starting a new UIDVALIDITY", name, account, e.getMessage(), aside.getFileName());
      Files.move(damaged, aside);
      // The log's UIDs belong to the old UIDVALIDITY: replayed onto a new index they would be reused.
      Files.deleteIfExists(dir.resolve(FolderIndex.LOG_NAME));
      return null;
    }
  }

  /** The file of a UID where it is now, rescanning once if another tool moved it. */
  private Path currentFile(long uid, List<MailboxEvent> events) throws IOException {
    Path file = locations.get(uid);
    if (file != null && Files.exists(file)) {
      return file;
    }
    events.addAll(rescan());
    return locations.get(uid);
  }

  private static void listInto(Path sub, Map<String, Path> found) throws IOException {
    if (!Files.isDirectory(sub)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(sub)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        if (!fileName.startsWith(".") && Files.isRegularFile(file)) {
          found.put(MaildirFileNames.base(fileName), file);
        }
      }
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static Set<String> keywords(Set<String> flags) {
    Set<String> keywords = new LinkedHashSet<>();
    for (String flag : flags) {
      if (!flag.startsWith("\\")) {
        keywords.add(flag);
      }
    }
    return keywords;
  }

  private static boolean hasSystemFlags(Set<String> flags) {
    return flags.stream().anyMatch(flag -> flag.startsWith("\\"));
  }

  record Appended(long uid, List<MailboxEvent> events) {
  }

  /** Moves a fully written, fsynced file from tmp/ into the folder and gives it the next UID. */
  Appended commit(Path tmpFile, Set<String> flags, Instant internalDate) throws IOException {
    List<MailboxEvent> events = new ArrayList<>(ensureLoaded());
    long size = Files.size(tmpFile);
    String base = MaildirFileNames.newBase(size);
    Files.setLastModifiedTime(tmpFile, FileTime.from(internalDate));
    Path target = placeFor(base, flags);
    DurableFiles.moveAtomically(tmpFile, target);
    DurableFiles.syncDirectory(target.getParent());
    long uid = index.uidNext++;
    long modSeq = ++index.highestModSeq;
    FolderIndex.Entry entry = new FolderIndex.Entry(uid, modSeq, internalDate.toEpochMilli(), size, base, flags);
    index.entries.put(uid, entry);
    locations.put(uid, target);
    index.writeAppended(dir, entry);
    events.add(new MailboxEvent.Appended(account, name, uid, modSeq));
    return new Appended(uid, events);
  }

  private Path placeFor(String base, Set<String> flags) {
    return hasSystemFlags(flags)
        ? dir.resolve("cur").resolve(MaildirFileNames.curName(base, flags))
        : dir.resolve("new").resolve(base);
  }

  record Snapshot(MailboxSnapshot snapshot, List<MailboxEvent> events) {
  }

  Snapshot snapshot(boolean withMessages) throws IOException {
    List<MailboxEvent> events = rescanIfChanged();
    int recent = 0;
    int unseen = 0;
    List<MessageSummary> messages = new ArrayList<>();
    for (FolderIndex.Entry entry : index.entries.values()) {
      boolean isRecent = locations.get(entry.uid).getParent().endsWith("new");
      recent += isRecent ? 1 : 0;
      unseen += entry.flags.contains(Flags.SEEN) ? 0 : 1;
      if (withMessages) {
        messages.add(new MessageSummary(entry.uid, entry.flags, entry.size,
            Instant.ofEpochMilli(entry.internalDateMillis), entry.modSeq, isRecent));
      }
    }
    MailboxStatus status = new MailboxStatus(index.entries.size(), recent, unseen, index.uidNext,
        index.uidValidity, index.highestModSeq);
    return new Snapshot(new MailboxSnapshot(status, messages), events);
  }

  record Claimed(List<Long> uids, List<MailboxEvent> events) {
  }

  /**
   * Moves the messages still in new/ to cur/ (Maildir's "seen by a client" state, flags unchanged) so they are
   * recent for one session only. No fsync: a claim lost in a crash only makes a message recent once more.
   */
  Claimed claimRecent() throws IOException {
    List<MailboxEvent> events = new ArrayList<>(ensureLoaded());
    List<Long> claimed = new ArrayList<>();
    for (FolderIndex.Entry entry : index.entries.values()) {
      Path current = locations.get(entry.uid);
      if (current == null || !current.getParent().endsWith("new")) {
        continue;
      }
      Path target = dir.resolve("cur").resolve(MaildirFileNames.curName(entry.base, entry.flags));
      try {
        Files.move(current, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException gone) {
        // Another session claimed it, or a tool removed it, since the index was read: not ours.
        continue;
      }
      locations.put(entry.uid, target);
      claimed.add(entry.uid);
    }
    return new Claimed(claimed, events);
  }

  record Located(Path file, long size) {
  }

  Located locate(long uid, boolean rescanFirst) throws IOException {
    if (rescanFirst) {
      rescan();
    } else {
      ensureLoaded();
    }
    FolderIndex.Entry entry = index.entries.get(uid);
    if (entry == null) {
      throw new MailboxException(MailboxException.Reason.BAD_INPUT, "no message with UID " + uid + " in " + name);
    }
    return new Located(locations.get(uid), entry.size);
  }

  record FlagsUpdated(FlagUpdateResult result, List<MailboxEvent> events) {
  }

  FlagsUpdated updateFlags(Collection<Long> uids, FlagMode mode, Set<String> flags, OptionalLong unchangedSince)
      throws IOException {
    List<MailboxEvent> events = new ArrayList<>(ensureLoaded());
    List<Long> unchanged = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    List<FlagUpdateResult.Change> changed = new ArrayList<>();
    for (long uid : new TreeSet<>(uids)) {
      // first learn the file's current name: another tool may have changed its flags or removed it
      Path current = index.entries.containsKey(uid) ? currentFile(uid, events) : null;
      FolderIndex.Entry entry = index.entries.get(uid);
      if (entry == null || current == null) {
        continue;
      }
      if (unchangedSince.isPresent() && entry.modSeq > unchangedSince.getAsLong()) {
        failed.add(uid);
        continue;
      }
      Set<String> next = switch (mode) {
        case REPLACE -> new LinkedHashSet<>(flags);
        case ADD -> {
          Set<String> all = new LinkedHashSet<>(entry.flags);
          all.addAll(flags);
          yield all;
        }
        case REMOVE -> {
          Set<String> rest = new LinkedHashSet<>(entry.flags);
          rest.removeAll(flags);
          yield rest;
        }
      };
      if (next.equals(entry.flags)) {
        unchanged.add(uid);
        continue;
      }
      long modSeq = ++index.highestModSeq;
      Path target = dir.resolve("cur").resolve(MaildirFileNames.curName(entry.base, next));
      if (!Objects.equals(current, target)) {
        DurableFiles.moveAtomically(current, target);
        locations.put(uid, target);
      }
      entry.flags = next;
      entry.modSeq = modSeq;
      changed.add(new FlagUpdateResult.Change(uid, next, modSeq));
    }
    if (!changed.isEmpty()) {
      DurableFiles.syncDirectory(dir.resolve("cur"));
      DurableFiles.syncDirectory(dir.resolve("new"));
      index.write(dir);
      events.add(new MailboxEvent.FlagsChanged(account, name, changed));
    }
    return new FlagsUpdated(new FlagUpdateResult(changed, unchanged, failed), events);
  }

  record Expunged(List<Long> uids, List<MailboxEvent> events) {
  }

  /** Expunges {@code \Deleted} messages, limited to {@code only} when it is not null. */
  Expunged expunge(Collection<Long> only) throws IOException {
    List<MailboxEvent> events = new ArrayList<>(ensureLoaded());
    List<Long> removed = new ArrayList<>();
    for (FolderIndex.Entry entry : new ArrayList<>(index.entries.values())) {
      if (entry.flags.contains(Flags.DELETED) && (only == null || only.contains(entry.uid))) {
        removed.add(entry.uid);
      }
    }
    removeEntries(removed, true);
    if (!removed.isEmpty()) {
      events.add(new MailboxEvent.Expunged(account, name, removed, index.highestModSeq));
    }
    return new Expunged(removed, events);
  }

  private void removeEntries(List<Long> uids, boolean deleteFiles) throws IOException {
    if (uids.isEmpty()) {
      return;
    }
    for (long uid : uids) {
      Path file = locations.remove(uid);
      index.entries.remove(uid);
      if (deleteFiles && file != null) {
        Files.deleteIfExists(file);
      }
    }
    DurableFiles.syncDirectory(dir.resolve("cur"));
    DurableFiles.syncDirectory(dir.resolve("new"));
    index.highestModSeq++;
    index.write(dir);
  }

  record Transfer(List<Long> sourceUids, List<Long> destinationUids, long destinationUidValidity,
                  List<MailboxEvent> events) {
  }

  /**
   * Copies (hard link, or a byte copy where links are impossible) or moves (rename) messages into
   * {@code destination}; the destination index is written before the source index, so a crash in between
   * leaves at worst a copy, never a loss.
   */
  Transfer transferTo(MaildirFolder destination, Collection<Long> uids, boolean move) throws IOException {
    List<MailboxEvent> events = new ArrayList<>(ensureLoaded());
    events.addAll(destination.ensureLoaded());
    List<Long> sources = new ArrayList<>();
    List<Long> targets = new ArrayList<>();
    List<Path> origins = new ArrayList<>();
    try {
      for (long uid : new TreeSet<>(uids)) {
        FolderIndex.Entry entry = index.entries.get(uid);
        Path from = entry == null ? null : currentFile(uid, events);
        if (from == null) {
          continue;
        }
        String base = MaildirFileNames.newBase(entry.size);
        Path target = destination.placeFor(base, entry.flags);
        if (move) {
          DurableFiles.moveAtomically(from, target);
        } else {
          Path staged = destination.tmpDir().resolve(base);
          try {
            Files.createLink(staged, from);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, staged);
            DurableFiles.sync(staged);
          }
          DurableFiles.moveAtomically(staged, target);
        }
        long newUid = destination.index.uidNext++;
        long modSeq = ++destination.index.highestModSeq;
        destination.index.entries.put(newUid, new FolderIndex.Entry(newUid, modSeq, entry.internalDateMillis,
            entry.size, base, entry.flags));
        destination.locations.put(newUid, target);
        sources.add(uid);
        targets.add(newUid);
        origins.add(from);
        events.add(new MailboxEvent.Appended(destination.account, destination.name, newUid, modSeq));
      }
    } catch (IOException | RuntimeException failure) {
      // RFC 3501 COPY: a failed copy leaves the destination as it was; put back what was already done
      undoTransfer(destination, origins, targets, move);
      throw failure;
    }
    if (!sources.isEmpty()) {
      DurableFiles.syncDirectory(destination.dir.resolve("cur"));
      DurableFiles.syncDirectory(destination.dir.resolve("new"));
      destination.index.write(destination.dir);
      if (move) {
        removeEntries(sources, false);
        events.add(new MailboxEvent.Expunged(account, name, sources, index.highestModSeq));
      }
    }
    return new Transfer(sources, targets, destination.index.uidValidity, events);
  }

  /**
   * Takes back a transfer that failed part-way: moved files go back where they were, copies are removed, and
   * the destination forgets them (their UIDs stay used). Should that fail too, a rescan of either folder finds
   * each file in exactly one place, so nothing is lost, at worst a copy remains.
   */
  private void undoTransfer(MaildirFolder destination, List<Path> origins, List<Long> targets, boolean move) {
    for (int i = 0; i < targets.size(); i++) {
      Path placed = destination.locations.remove(targets.get(i));
      destination.index.entries.remove(targets.get(i));
      try {
        if (move) {
          DurableFiles.moveAtomically(placed, origins.get(i));
        } else {
          Files.deleteIfExists(placed);
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "could not undo a failed transfer into {0}: {1}", destination.name,
            e.toString());
      }
    }
  }

  /** Total size of those of {@code uids} that exist. */
  long bytesOf(Collection<Long> uids) throws IOException {
    ensureLoaded();
    long bytes = 0;
    for (long uid : new TreeSet<>(uids)) {
      FolderIndex.Entry entry = index.entries.get(uid);
      bytes += entry == null ? 0 : entry.size;
    }
    return bytes;
  }

  long usedBytes() throws IOException {
    long used = 0;
    for (String sub : List.of("new", "cur")) {
      Path path = dir.resolve(sub);
      if (!Files.isDirectory(path)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
        for (Path file : files) {
          try {
            used += Files.size(file);
          } catch (NoSuchFileException e) {
            // renamed or expunged while we listed: the next count sees it where it went
          }
        }
      }
    }
    return used;
  }
}
