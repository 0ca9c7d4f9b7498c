package dev.tern.access.imap.internal.command;

import dev.tern.access.mailbox.MailboxInfo;
import dev.tern.access.mailbox.MailboxNames;
import dev.tern.access.mailbox.SpecialUse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One account's mailboxes as LIST and LSUB see them at one moment: the existing names with their special-use
 * and subscription, the subscribed names (some may no longer exist) and the hierarchy levels above both,
 * which exist only as prefixes (Maildir++ needs no parent folders).
 */
final class MailboxTree {

  /** The order responses are listed in: INBOX first, then by name. */
  static final Comparator<String> ORDER = Comparator.comparing((String name) -> !MailboxNames.INBOX.equals(name))
      .thenComparing(Comparator.naturalOrder());

  private final Map<String, MailboxInfo> existing = new HashMap<>();
  private final NavigableSet<String> existingNames = new TreeSet<>();
  private final Set<String> subscribed = new TreeSet<>();

  MailboxTree(List<MailboxInfo> mailboxes, Collection<String> subscriptions) {
    for (MailboxInfo info : mailboxes) {
      existing.put(info.name(), info);
      existingNames.add(info.name());
      if (info.subscribed()) {
        subscribed.add(info.name());
      }
    }
    subscribed.addAll(subscriptions);
  }

  boolean exists(String name) {
    return existing.containsKey(name);
  }

  boolean subscribed(String name) {
    return subscribed.contains(name);
  }

  Optional<SpecialUse> specialUse(String name) {
    MailboxInfo info = existing.get(name);
    return info == null ? Optional.empty() : info.specialUse();
  }

  /** Whether an existing mailbox lies below {@code name} (which itself may or may not exist). */
  boolean hasChildren(String name) {
    String prefix = name + MailboxNames.DELIMITER;
    String next = existingNames.ceiling(prefix);
    return next != null && next.startsWith(prefix);
  }

  Set<String> existingNames() {
    return existingNames;
  }

  Set<String> subscribedNames() {
    return subscribed;
  }

  /** {@code names} plus every hierarchy level above them, in {@link #ORDER}. */
  static NavigableSet<String> withLevels(Collection<String> names) {
    NavigableSet<String> all = new TreeSet<>(ORDER);
    for (String name : names) {
      all.add(name);
      all.addAll(levelsAbove(name));
    }
    return all;
  }

  /** "a.b.c" has the levels "a" and "a.b" above it. */
  static List<String> levelsAbove(String name) {
    List<String> levels = new ArrayList<>();
    for (int dot = name.indexOf(MailboxNames.DELIMITER); dot > 0; dot = name.indexOf(MailboxNames.DELIMITER, dot + 1)) {
      levels.add(name.substring(0, dot));
    }
    return levels;
  }
}
