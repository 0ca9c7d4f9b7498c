package dev.tern.benchmarks.imap;

import dev.tern.benchmarks.RealisticMessages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Fills a Maildir the way an outside delivery agent would, for the store to adopt at the first SELECT (as
 * {@code imap-bench.sh} does): realistic messages ({@link RealisticMessages}, about the requested size), most of
 * them in {@code cur/} with flags in the name (seen, some answered or flagged), the newest 1 % unseen in
 * {@code new/}. Modification times rise with the message number, so the store gives message n the n-th UID.
 */
public final class MaildirPreload {

  private static final Instant FIRST_DELIVERY = Instant.parse("2026-10-01T08:00:00Z");

  private MaildirPreload() {
  }

  /** Writes {@code count} messages into {@code maildir} (which must have cur/ and new/); returns their total size. */
  public static long fill(Path maildir, int count, int approximateBytes, long seed) throws IOException {
    RealisticMessages messages = new RealisticMessages(seed);
    long total = 0;
    for (int n = 1; n <= count; n++) {
      byte[] message = messages.next(approximateBytes);
      total += message.length;
      Instant delivered = FIRST_DELIVERY.plusSeconds(600L * n);
      String base = delivered.getEpochSecond() + ".M" + n + "P1Q" + n + ".bench.example,S=" + message.length;
      boolean unseen = n > count - Math.max(1, count / 100);
      Path file = unseen ? maildir.resolve("new").resolve(base)
          : maildir.resolve("cur").resolve(base + ":2," + flagLetters(n));
      Files.write(file, message);
      Files.setLastModifiedTime(file, FileTime.from(delivered));
    }
    return total;
  }

  /** Maildir flag letters in ASCII order: every message seen, every 5th answered, every 23rd flagged. */
  private static String flagLetters(int n) {
    return (n % 23 == 0 ? "F" : "") + (n % 5 == 0 ? "R" : "") + "S";
  }
}
