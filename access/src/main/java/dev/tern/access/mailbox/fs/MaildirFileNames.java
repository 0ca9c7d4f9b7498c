package dev.tern.access.mailbox.fs;

import dev.tern.access.mailbox.Flags;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maildir file names: {@code <base>} in {@code new/}, {@code <base>:2,<letters>} in {@code cur/}, where the
 * letters carry the system flags the way mutt and Dovecot read them (D F R S T, ASCII order). Keywords
 * live only in the index.
 */
final class MaildirFileNames {

  private static final AtomicLong COUNTER = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HOST = hostName();

  private MaildirFileNames() {
  }

  static String newBase(long size) {
    long now = System.currentTimeMillis();
    return (now / 1000) + ".M" + (now % 1000) * 1000 + "P" + ProcessHandle.current().pid()
        + "Q" + COUNTER.incrementAndGet() + "R" + Long.toHexString(RANDOM.nextLong() & 0xffffffffL)
        + "." + HOST + ",S=" + size;
  }

  static String base(String fileName) {
    int colon = fileName.indexOf(':');
    return colon < 0 ? fileName : fileName.substring(0, colon);
  }

  static String curName(String base, Set<String> flags) {
    return base + ":2," + letters(flags);
  }

  static String letters(Set<String> flags) {
    StringBuilder letters = new StringBuilder();
    if (flags.contains(Flags.DRAFT)) {
      letters.append('D');
    }
    if (flags.contains(Flags.FLAGGED)) {
      letters.append('F');
    }
    if (flags.contains(Flags.ANSWERED)) {
      letters.append('R');
    }
    if (flags.contains(Flags.SEEN)) {
      letters.append('S');
    }
    if (flags.contains(Flags.DELETED)) {
      letters.append('T');
    }
    return letters.toString();
  }

  /** System flags in a {@code cur/} name; unknown letters (e.g. Dovecot keyword letters) are ignored. */
  static Set<String> systemFlags(String fileName) {
    Set<String> flags = new LinkedHashSet<>();
    int info = fileName.indexOf(":2,");
    if (info < 0) {
      return flags;
    }
    for (char letter : fileName.substring(info + 3).toCharArray()) {
      switch (letter) {
        case 'D' -> flags.add(Flags.DRAFT);
        case 'F' -> flags.add(Flags.FLAGGED);
        case 'R' -> flags.add(Flags.ANSWERED);
        case 'S' -> flags.add(Flags.SEEN);
        case 'T' -> flags.add(Flags.DELETED);
        default -> {
        }
      }
    }
    return flags;
  }

  private static String hostName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "localhost";
    }
    // Maildir reserves '/' and ':' in file names; the convention escapes them as octal
    return host.replace("/", "\\057").replace(":", "\\072").replace(",", "\\054");
  }
}
