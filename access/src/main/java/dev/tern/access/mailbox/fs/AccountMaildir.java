package dev.tern.access.mailbox.fs;

import dev.tern.access.mailbox.MailboxException;
import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxNames;
import dev.tern.access.mailbox.SpecialUse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One account's Maildir++: INBOX at the root, other mailboxes as {@code .Name} beside it, plus
 * {@code subscriptions} (one name per line) and {@code tern-special-use} ({@code Name \Attribute}).
 * Structural changes take the write lock; message work takes the read lock and the folder's monitor.
 * Blocking.
 */
final class AccountMaildir {

  private static final String SUBSCRIPTIONS = "subscriptions";
  private static final String SPECIAL_USE = "tern-special-use";

  final String account;
  final Path root;
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Held from the quota check to the commit, so two appends to different folders cannot both squeeze in. */
  final Object quotaLock = new Object();
  private final Map<String, MaildirFolder> folders = new ConcurrentHashMap<>();
  private volatile boolean ready;

  AccountMaildir(String account, Path root) {
    this.account = account;
    this.root = root;
  }

  /** Creates the account's Maildir, special-use mailboxes and subscriptions the first time it is used. */
  void ensureCreated() throws IOException {
    if (ready) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (!MaildirFolder.exists(root)) {
        Files.createDirectories(root);
        Map<String, SpecialUse> uses = new LinkedHashMap<>();
        for (SpecialUse use : SpecialUse.values()) {
          Path dir = dirOf(use.defaultName());
          MaildirFolder.createLayout(dir);
          Files.writeString(dir.resolve("maildirfolder"), "");
          uses.put(use.defaultName(), use);
        }
        writeSpecialUse(uses);
        Set<String> subscribed = new LinkedHashSet<>();
        subscribed.add(MailboxNames.INBOX);
        subscribed.addAll(uses.keySet());
        writeSubscriptions(subscribed);
        // INBOX's cur/ and new/ last: their presence marks the account as complete
        MaildirFolder.createLayout(root);
        DurableFiles.syncDirectory(root);
        DurableFiles.syncDirectory(root.getParent());
      }
      ready = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  Path dirOf(String canonicalName) {
    return MailboxNames.INBOX.equals(canonicalName) ? root : root.resolve("." + canonicalName);
  }

  /** The folder, or NO_SUCH_MAILBOX. Caller holds the read or write lock. */
  MaildirFolder folder(String canonicalName) {
    Path dir = dirOf(canonicalName);
    if (!MaildirFolder.exists(dir)) {
      folders.remove(canonicalName);
      throw new MailboxException(MailboxException.Reason.NO_SUCH_MAILBOX, "no mailbox " + canonicalName);
    }
    return folders.computeIfAbsent(canonicalName, name -> new MaildirFolder(account, name, dir));
  }

  List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString().substring(1);
        if (name.isEmpty() || name.startsWith(".") || !MaildirFolder.exists(entry)) {
          continue;
        }
        try {
          String canonical = MailboxNames.canonical(name);
          if (!MailboxNames.INBOX.equals(canonical)) {
            names.add(canonical);
          }
        } catch (MailboxException e) {
          // a folder another tool created with a name we cannot serve; leave it alone
        }
      }
    }
    names.sort(null);
    names.add(0, MailboxNames.INBOX);
    return names;
  }

  List<MailboxInfo> list() throws IOException {
    List<String> names = names();
    Set<String> subscribed = readSubscriptions();
    Map<String, SpecialUse> uses = readSpecialUse();
    List<MailboxInfo> infos = new ArrayList<>();
    for (String name : names) {
      boolean children = names.stream().anyMatch(other -> MailboxNames.isBelow(other, name));
      infos.add(new MailboxInfo(name, Optional.ofNullable(uses.get(name)), subscribed.contains(name), children));
    }
    return infos;
  }

  void create(String name, Optional<SpecialUse> use) throws IOException {
    if (MailboxNames.INBOX.equals(name) || Files.exists(dirOf(name))) {
      throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "mailbox " + name + " exists");
    }
    Path dir = dirOf(name);
    Path staging = root.resolve(".." + "tern-new-" + UUID.randomUUID());
    MaildirFolder.createLayout(staging);
    Files.writeString(staging.resolve("maildirfolder"), "");
    DurableFiles.moveAtomically(staging, dir);
    DurableFiles.syncDirectory(root);
    if (use.isPresent()) {
      Map<String, SpecialUse> uses = readSpecialUse();
      uses.values().remove(use.get());
      uses.put(name, use.get());
      writeSpecialUse(uses);
    }
  }

  void delete(String name) throws IOException {
    if (MailboxNames.INBOX.equals(name)) {
      throw new MailboxException(MailboxException.Reason.NOT_ALLOWED, "INBOX cannot be deleted");
    }
    folder(name);
    Path doomed = root.resolve(".." + "tern-deleted-" + UUID.randomUUID());
    DurableFiles.moveAtomically(dirOf(name), doomed);
    DurableFiles.syncDirectory(root);
    folders.remove(name);
    Map<String, SpecialUse> uses = readSpecialUse();
    if (uses.remove(name) != null) {
      writeSpecialUse(uses);
    }
    DurableFiles.deleteTree(doomed);
  }

  void rename(String from, String to) throws IOException {
    if (MailboxNames.INBOX.equals(from)) {
      throw new MailboxException(MailboxException.Reason.NOT_ALLOWED, "renaming INBOX is not supported by the store");
    }
    if (MailboxNames.INBOX.equals(to) || Files.exists(dirOf(to))) {
      throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "mailbox " + to + " exists");
    }
    if (MailboxNames.isBelow(to, from)) {
      throw new MailboxException(MailboxException.Reason.BAD_INPUT, "cannot rename " + from + " below itself");
    }
    folder(from);
    Map<String, String> renames = new LinkedHashMap<>();
    for (String name : names()) {
      if (name.equals(from) || MailboxNames.isBelow(name, from)) {
        String target = to + name.substring(from.length());
        MailboxNames.canonical(target);
        if (Files.exists(dirOf(target))) {
          throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "mailbox " + target + " exists");
        }
        renames.put(name, target);
      }
    }
    for (Map.Entry<String, String> rename : renames.entrySet()) {
      DurableFiles.moveAtomically(dirOf(rename.getKey()), dirOf(rename.getValue()));
      folders.remove(rename.getKey());
    }
    DurableFiles.syncDirectory(root);
    Map<String, SpecialUse> uses = readSpecialUse();
    Map<String, SpecialUse> renamedUses = new LinkedHashMap<>();
    uses.forEach((name, use) -> renamedUses.put(renames.getOrDefault(name, name), use));
    writeSpecialUse(renamedUses);
    Set<String> subscribed = new LinkedHashSet<>();
    for (String name : readSubscriptions()) {
      subscribed.add(renames.getOrDefault(name, name));
    }
    writeSubscriptions(subscribed);
  }

  void setSubscribed(String name, boolean subscribed) throws IOException {
    Set<String> names = readSubscriptions();
    boolean changed = subscribed ? names.add(name) : names.remove(name);
    if (changed) {
      writeSubscriptions(names);
    }
  }

  Set<String> readSubscriptions() throws IOException {
    Path file = root.resolve(SUBSCRIPTIONS);
    Set<String> names = new LinkedHashSet<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          names.add(line);
        }
      }
    }
    return names;
  }

  private void writeSubscriptions(Set<String> names) throws IOException {
    StringBuilder text = new StringBuilder();
    names.forEach(name -> text.append(name).append('\n'));
    DurableFiles.replace(root.resolve(SUBSCRIPTIONS), text.toString());
  }

  private Map<String, SpecialUse> readSpecialUse() throws IOException {
    Path file = root.resolve(SPECIAL_USE);
    Map<String, SpecialUse> uses = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.lastIndexOf(' ');
        if (space > 0) {
          SpecialUse.fromAttribute(line.substring(space + 1)).ifPresent(use -> uses.put(line.substring(0, space), use));
        }
      }
    }
    return uses;
  }

  private void writeSpecialUse(Map<String, SpecialUse> uses) throws IOException {
    StringBuilder text = new StringBuilder();
    uses.forEach((name, use) -> text.append(name).append(' ').append(use.attribute()).append('\n'));
    DurableFiles.replace(root.resolve(SPECIAL_USE), text.toString());
  }

  long usedBytes() throws IOException {
    long used = 0;
    for (String name : names()) {
      used += new MaildirFolder(account, name, dirOf(name)).usedBytes();
    }
    return used;
  }
}
